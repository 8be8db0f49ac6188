package dev.assay.core.telemetry;

import dev.assay.api.backend.Availability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU utilisation of the whole host from {@code /proc/stat}'s aggregate {@code cpu} line, as the
 * busy share of jiffies between two readings. Also reports steal time, which on a shared VM
 * says how much CPU the hypervisor gave to someone else during the run.
 */
public final class ProcStatSampler implements TelemetrySampler {
    private final Path root;

    public ProcStatSampler() {
        this(Path.of("/"));
    }

    public ProcStatSampler(Path root) {
        this.root = root;
    }

    @Override
    public String name() {
        return "cpu-util";
    }

    @Override
    public Boundary boundary() {
        return Boundary.HOST_OS;
    }

    @Override
    public Tier tier() {
        return Tier.CONTEXT;
    }

    private Path file() {
        return root.resolve("proc/stat");
    }

    @Override
    public Availability availability() {
        return Files.isReadable(file()) ? new Availability.Available(file().toString())
                : new Availability.Unavailable("CPU utilisation: " + file() + " not readable");
    }

    @Override
    public Session open() throws IOException {
        Jiffies first = Jiffies.parse(SysFiles.read(file()));
        return new Session() {
            private Jiffies previous = first;

            @Override
            public TelemetrySample sample() throws IOException {
                Jiffies now = Jiffies.parse(SysFiles.read(file()));
                Map<String, Double> ch = now.since(previous);
                previous = now;
                return TelemetrySample.context(ch);
            }

            @Override
            public String source() {
                return file() + " (aggregate cpu line)";
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * The aggregate {@code cpu} line: user nice system idle iowait irq softirq steal (guest and
     * guest_nice are already inside user and nice, so they are not added again).
     */
    record Jiffies(long user, long nice, long system, long idle, long iowait, long irq, long softirq, long steal) {
        static Jiffies parse(String procStat) throws IOException {
            for (String line : procStat.split("\n")) {
                if (line.startsWith("cpu ")) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length < 5) {
                        throw new IOException("/proc/stat cpu line has too few fields: " + line);
                    }
                    long[] v = new long[8];
                    for (int i = 0; i < 8 && i + 1 < f.length; i++) {
                        v[i] = Long.parseLong(f[i + 1]);
                    }
                    return new Jiffies(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
                }
            }
            throw new IOException("/proc/stat has no aggregate 'cpu ' line");
        }

        long total() {
            return user + nice + system + idle + iowait + irq + softirq + steal;
        }

        long idleAll() {
            return idle + iowait;
        }

        /** Utilisation and steal in percent over the interval; empty when no time passed. */
        Map<String, Double> since(Jiffies before) {
            Map<String, Double> m = new LinkedHashMap<>();
            long dt = total() - before.total();
            if (dt <= 0) {
                return m;
            }
            double busy = dt - (idleAll() - before.idleAll());
            m.put("cpu_util_pct", 100.0 * busy / dt);
            m.put("cpu_steal_pct", 100.0 * (steal - before.steal) / dt);
            m.put("cpu_iowait_pct", 100.0 * (iowait - before.iowait) / dt);
            return m;
        }
    }
}
