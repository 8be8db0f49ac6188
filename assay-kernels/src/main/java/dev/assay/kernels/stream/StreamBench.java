package dev.assay.kernels.stream;

import dev.assay.api.roofline.BandwidthSample;
import dev.assay.api.roofline.StreamKernel;
import dev.assay.kernels.Gang;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the STREAM kernels over three off-heap arrays of {@code elements} doubles for each thread
 * count, keeping the best (shortest) time of {@code repetitions} timed passes after one untimed
 * pass, as STREAM does. The arrays are validated afterwards: with the scalar s = sqrt(2) - 1 one
 * pass of the four kernels maps a to s(2+s)a = a, so a, b, c stay at 1, s and 1+s however many
 * passes run; a wrong kernel or a torn split shows as a value off by more than the tolerance.
 */
public final class StreamBench {
    /** sqrt(2) - 1: makes one copy/scale/add/triad pass the identity on a (see class comment). */
    static final double SCALAR = Math.sqrt(2) - 1;
    private static final double TOLERANCE = 1e-9;

    private StreamBench() {
    }

    /**
     * Measures every kernel at every thread count.
     *
     * @param elements     doubles per array (each array is {@code 8 * elements} bytes)
     * @param threadCounts thread counts to run, each >= 1
     * @param repetitions  timed passes per thread count (best kept), >= 1
     * @return one sample per kernel and thread count
     * @throws IllegalStateException when validation of the arrays fails
     */
    public static List<BandwidthSample> run(long elements, int[] threadCounts, int repetitions) {
        if (elements < lanes()) {
            throw new IllegalArgumentException("elements must be >= " + lanes() + ", was " + elements);
        }
        if (repetitions < 1) {
            throw new IllegalArgumentException("repetitions must be >= 1, was " + repetitions);
        }
        int maxThreads = 1;
        for (int t : threadCounts) {
            if (t < 1) {
                throw new IllegalArgumentException("thread counts must be >= 1, was " + t);
            }
            maxThreads = Math.max(maxThreads, t);
        }
        List<BandwidthSample> out = new ArrayList<>();
        long bytesPerArray = elements * 8;
        try (Arena arena = Arena.ofShared()) {
            MemorySegment a = arena.allocate(bytesPerArray, 64);
            MemorySegment b = arena.allocate(bytesPerArray, 64);
            MemorySegment c = arena.allocate(bytesPerArray, 64);
            warmUp(a, b, c, Math.min(elements, 16_384));
            try (Gang init = new Gang(maxThreads)) {
                int parts = maxThreads;
                init.run(w -> {
                    long from = Gang.split(elements, parts, w);
                    long to = Gang.split(elements, parts, w + 1);
                    StreamKernels.fill(a, 1.0, from, to);
                    StreamKernels.fill(b, 2.0, from, to);
                    StreamKernels.fill(c, 0.0, from, to);
                });
            }
            for (int threads : threadCounts) {
                Map<StreamKernel, Long> best = new EnumMap<>(StreamKernel.class);
                try (Gang gang = new Gang(threads)) {
                    for (int rep = 0; rep <= repetitions; rep++) {
                        for (StreamKernel k : StreamKernel.values()) {
                            long nanos = gang.run(w -> runKernel(k, a, b, c,
                                    Gang.split(elements, threads, w), Gang.split(elements, threads, w + 1)));
                            if (rep > 0) { // the first pass is untimed: page faults, JIT, cache state
                                best.merge(k, nanos, Math::min);
                            }
                        }
                    }
                }
                for (StreamKernel k : StreamKernel.values()) {
                    long bytes = k.arraysTouched() * bytesPerArray;
                    double seconds = Math.max(best.get(k), 1) / 1e9;
                    out.add(new BandwidthSample(k, threads, bytes / seconds / 1e9, seconds, bytes));
                }
            }
            validate(a, b, c, elements);
        }
        return out;
    }

    private static int lanes() {
        return StreamKernels.SPECIES.length();
    }

    static void runKernel(StreamKernel k, MemorySegment a, MemorySegment b, MemorySegment c, long from, long to) {
        switch (k) {
            case COPY -> StreamKernels.copy(a, c, from, to);
            case SCALE -> StreamKernels.scale(b, c, SCALAR, from, to);
            case ADD -> StreamKernels.add(a, b, c, from, to);
            case TRIAD -> StreamKernels.triad(a, b, c, SCALAR, from, to);
        }
    }

    /**
     * Gets the kernels compiled by C2 on a cache-resident slice before anything is timed:
     * interpreted or C1-compiled Vector API code boxes every vector and runs far slower.
     */
    private static void warmUp(MemorySegment a, MemorySegment b, MemorySegment c, long n) {
        for (int i = 0; i < 400; i++) {
            for (StreamKernel k : StreamKernel.values()) {
                runKernel(k, a, b, c, 0, n);
            }
        }
    }

    private static void validate(MemorySegment a, MemorySegment b, MemorySegment c, long elements) {
        long step = Math.max(1, elements / 1024);
        for (long i = 0; i < elements; i += step) {
            check("a", i, a.getAtIndex(ValueLayout.JAVA_DOUBLE, i), 1.0);
            check("b", i, b.getAtIndex(ValueLayout.JAVA_DOUBLE, i), SCALAR);
            check("c", i, c.getAtIndex(ValueLayout.JAVA_DOUBLE, i), 1.0 + SCALAR);
        }
        long last = elements - 1;
        check("a", last, a.getAtIndex(ValueLayout.JAVA_DOUBLE, last), 1.0);
    }

    private static void check(String array, long i, double actual, double expected) {
        if (!(Math.abs(actual - expected) <= TOLERANCE * Math.abs(expected))) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "bandwidth kernels produced a wrong value: %s[%d] = %.17g, expected %.17g", array, i, actual, expected));
        }
    }
}
