package dev.assay.core.telemetry;

import dev.assay.api.backend.Availability;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * RAPL energy counters through the powercap interface
 * ({@code /sys/class/powercap/intel-rapl:N[:M]/energy_uj}, Intel and AMD alike). The energy
 * total is the sum of the top-level {@code package-*} zones (boundary: CPU package, DRAM not
 * included); every zone, sub-zones such as {@code core}, {@code uncore} and {@code dram}
 * included, is also reported as its own cumulative channel.
 *
 * <p>Wrap-around: {@code energy_uj} counts up to {@code max_energy_range_uj} and restarts at 0
 * (every few minutes on a busy server). A reading lower than the previous one is taken as one
 * wrap: delta = (range - previous) + current. Two wraps between readings cannot be seen, so the
 * meter must sample faster than the wrap period (its default of 100 ms is far faster).
 *
 * <p>Permission: since Linux 5.10 (CVE-2020-8694) {@code energy_uj} is readable by root only;
 * the sampler then reports that reason instead of a number.
 */
public final class RaplSampler implements TelemetrySampler {
    private final Path root;

    public RaplSampler() {
        this(Path.of("/"));
    }

    public RaplSampler(Path root) {
        this.root = root;
    }

    @Override
    public String name() {
        return "rapl";
    }

    @Override
    public Boundary boundary() {
        return Boundary.CPU_PACKAGE;
    }

    @Override
    public Tier tier() {
        return Tier.ENERGY_COUNTER;
    }

    private Path powercap() {
        return root.resolve("sys/class/powercap");
    }

    /** One powercap zone as found on disk. */
    record Zone(String id, String name, Path dir, boolean topLevel) {
    }

    List<Zone> zones() {
        List<Zone> out = new ArrayList<>();
        for (Path dir : SysFiles.list(powercap(), "intel-rapl:*")) {
            String id = dir.getFileName().toString();
            String name = SysFiles.readOrNull(dir.resolve("name"));
            out.add(new Zone(id, name == null ? id : name, dir, id.chars().filter(c -> c == ':').count() == 1));
        }
        return out;
    }

    @Override
    public Availability availability() {
        List<Zone> zones = zones();
        if (zones.isEmpty()) {
            return new Availability.Unavailable("RAPL: no " + powercap() + "/intel-rapl:* zones (no RAPL driver, or a VM)");
        }
        for (Zone z : totalled(zones)) {
            try {
                SysFiles.readLong(z.dir().resolve("energy_uj"));
                SysFiles.readLong(z.dir().resolve("max_energy_range_uj"));
            } catch (IOException e) {
                return new Availability.Unavailable("RAPL: " + z.dir().resolve("energy_uj") + " unreadable: "
                        + SysFiles.why(e) + " (root-only since Linux 5.10, CVE-2020-8694)");
            }
        }
        return new Availability.Available(describe(zones));
    }

    /** The zones summed into the energy total: package-* top-level zones, else every top-level zone. */
    static List<Zone> totalled(List<Zone> zones) {
        List<Zone> packages = zones.stream().filter(z -> z.topLevel() && z.name().startsWith("package")).toList();
        return packages.isEmpty() ? zones.stream().filter(Zone::topLevel).toList() : packages;
    }

    private static String describe(List<Zone> zones) {
        return "RAPL " + totalled(zones).stream().map(Zone::name).collect(Collectors.joining(", "));
    }

    @Override
    public Session open() throws IOException {
        Availability a = availability();
        if (a instanceof Availability.Unavailable(String reason)) {
            throw new IOException(reason);
        }
        List<Zone> zones = zones();
        Set<String> total = totalled(zones).stream().map(Zone::id).collect(Collectors.toSet());
        Map<String, Counter> counters = new LinkedHashMap<>();
        for (Zone z : zones) {
            try {
                counters.put(z.id(), new Counter(z, SysFiles.readLong(z.dir().resolve("max_energy_range_uj")),
                        SysFiles.readLong(z.dir().resolve("energy_uj"))));
            } catch (IOException e) {
                if (total.contains(z.id())) {
                    throw e;
                }
                // an unreadable sub-zone only loses its own channel
            }
        }
        return new Session() {
            @Override
            public TelemetrySample sample() throws IOException {
                double totalJ = 0;
                Map<String, Double> ch = new LinkedHashMap<>();
                for (Counter c : counters.values()) {
                    c.update(SysFiles.readLong(c.zone.dir().resolve("energy_uj")));
                    double joules = c.accumulatedUj / 1e6;
                    ch.put("rapl_" + c.zone.id().replace("intel-rapl:", "") + "_" + c.zone.name() + "_j", joules);
                    if (total.contains(c.zone.id())) {
                        totalJ += joules;
                    }
                }
                ch.put("rapl_wraps", (double) counters.values().stream().mapToLong(c -> c.wraps).sum());
                return new TelemetrySample(totalJ, Double.NaN, ch, Set.of());
            }

            @Override
            public String source() {
                return describe(zones) + " energy_uj (" + powercap() + ")";
            }

            @Override
            public void close() {
            }
        };
    }

    /** One zone's counter with wrap-around resolved into a monotonic total. */
    static final class Counter {
        final Zone zone;
        final long rangeUj;
        long previousRaw;
        long accumulatedUj;
        long wraps;

        Counter(Zone zone, long rangeUj, long firstRaw) {
            this.zone = zone;
            this.rangeUj = rangeUj;
            this.previousRaw = firstRaw;
        }

        void update(long raw) {
            accumulatedUj += delta(previousRaw, raw, rangeUj);
            if (raw < previousRaw) {
                wraps++;
            }
            previousRaw = raw;
        }
    }

    /**
     * Energy between two raw readings of a counter that wraps at {@code rangeUj}: a lower second
     * reading means the counter wrapped once.
     */
    static long delta(long previous, long current, long rangeUj) {
        return current >= previous ? current - previous : (rangeUj - previous) + current;
    }
}
