package dev.assay.kernels.stream;

import dev.assay.api.roofline.BandwidthProbe;
import dev.assay.api.roofline.BandwidthReport;
import dev.assay.api.roofline.BandwidthSample;
import dev.assay.api.roofline.Effort;
import dev.assay.kernels.VectorModule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * {@link BandwidthProbe} over {@link StreamBench}: sizes each array at 4x the sum of the
 * last-level caches (STREAM's rule), shrinks it with a warning when that would take more than
 * a quarter of the available memory, and runs 1..N threads (full) or N threads only (quick).
 * Registered through ServiceLoader.
 */
public final class StreamBandwidthProbe implements BandwidthProbe {
    /** Used when sysfs does not say: larger than the LLC of most single-socket servers. */
    static final long FALLBACK_LLC_BYTES = 256L << 20;
    /** Floor so a tiny or misreported LLC still gives arrays well outside the private caches. */
    static final long MIN_ARRAY_BYTES = 64L << 20;

    private final Path root;

    /** Reads this machine's sysfs and procfs. */
    public StreamBandwidthProbe() {
        this(Path.of("/"));
    }

    /** Reads sysfs and procfs below {@code root} (tests use a recorded tree). */
    public StreamBandwidthProbe(Path root) {
        this.root = root;
    }

    @Override
    public String name() {
        return "stream-vector";
    }

    @Override
    public BandwidthReport measure(Effort effort, int maxThreads) {
        VectorModule.require();
        if (maxThreads < 1) {
            throw new IllegalArgumentException("maxThreads must be >= 1, was " + maxThreads);
        }
        List<String> warnings = new ArrayList<>();
        Sizing sizing = size(root, warnings);
        int[] threads = effort == Effort.QUICK ? new int[] {maxThreads} : threadLadder(maxThreads);
        int reps = effort == Effort.QUICK ? 3 : 10;
        List<BandwidthSample> samples = StreamBench.run(sizing.arrayBytes / 8, threads, reps);
        String method = String.format(Locale.ROOT,
                "STREAM kernels (copy, scale, add, triad) over 3 off-heap double arrays of %d MiB each, "
                        + "threads %s, best of %d timed passes after 1 untimed, bytes counted the STREAM way "
                        + "(2 arrays for copy/scale, 3 for add/triad; write-allocate traffic not counted)",
                sizing.arrayBytes >> 20, java.util.Arrays.toString(threads), reps);
        return new BandwidthReport("java " + Runtime.version().feature() + " Vector API, " + StreamKernels.shape(),
                method, sizing.arrayBytes, sizing.llc.totalBytes(), sizing.llc.source(), samples, warnings);
    }

    /** Array size chosen and what it was chosen against. */
    record Sizing(long arrayBytes, CacheTopology.LastLevelCache llc) {
    }

    static Sizing size(Path root, List<String> warnings) {
        CacheTopology.LastLevelCache llc = CacheTopology.read(root);
        long llcBytes = llc.known() ? llc.totalBytes() : FALLBACK_LLC_BYTES;
        if (!llc.known()) {
            warnings.add("last-level cache size " + llc.source() + "; arrays sized for an assumed "
                    + (FALLBACK_LLC_BYTES >> 20) + " MiB");
        }
        long wanted = Math.max(MIN_ARRAY_BYTES, 4 * llcBytes);
        long available = CacheTopology.memAvailable(root);
        long bytes = wanted;
        if (available > 0 && 3 * wanted > available / 4) {
            bytes = Math.max(8L << 20, available / 12);
            warnings.add(String.format(Locale.ROOT,
                    "arrays are %d MiB, less than 4x the last-level cache (%d MiB): only %d MiB memory available; "
                            + "the result may include cache effects", bytes >> 20, wanted >> 20, available >> 20));
        }
        bytes -= bytes % 64; // whole cache lines and whole vectors
        return new Sizing(bytes, llc);
    }

    /** 1, 2, 4, ... up to and including max (every count up to 8, then doubling). */
    static int[] threadLadder(int max) {
        TreeSet<Integer> counts = new TreeSet<>();
        for (int t = 1; t <= Math.min(max, 8); t++) {
            counts.add(t);
        }
        for (int t = 16; t < max; t *= 2) {
            counts.add(t);
        }
        counts.add(max);
        return counts.stream().mapToInt(Integer::intValue).toArray();
    }
}
