package dev.assay.core.telemetry;

import dev.assay.api.backend.Availability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Current CPU clock: {@code cpufreq/scaling_cur_freq} of every CPU (kHz) when the kernel exposes
 * cpufreq, else the {@code cpu MHz} lines of {@code /proc/cpuinfo}. Reports mean, min and max
 * over CPUs. Under a hypervisor without cpufreq the cpuinfo value is usually the fixed nominal
 * clock and cannot show throttling; the source line says which one was read.
 */
public final class CpuFrequencySampler implements TelemetrySampler {
    private final Path root;

    public CpuFrequencySampler() {
        this(Path.of("/"));
    }

    public CpuFrequencySampler(Path root) {
        this.root = root;
    }

    @Override
    public String name() {
        return "cpu-freq";
    }

    @Override
    public Boundary boundary() {
        return Boundary.CPU_CORES;
    }

    @Override
    public Tier tier() {
        return Tier.CONTEXT;
    }

    private List<Path> cpufreqFiles() {
        List<Path> out = new ArrayList<>();
        for (Path cpu : SysFiles.list(root.resolve("sys/devices/system/cpu"), "cpu[0-9]*")) {
            Path f = cpu.resolve("cpufreq/scaling_cur_freq");
            if (Files.isReadable(f)) {
                out.add(f);
            }
        }
        return out;
    }

    private Path cpuinfo() {
        return root.resolve("proc/cpuinfo");
    }

    @Override
    public Availability availability() {
        if (!cpufreqFiles().isEmpty()) {
            return new Availability.Available("cpufreq scaling_cur_freq");
        }
        String text = SysFiles.readOrNull(cpuinfo());
        if (text != null && text.contains("cpu MHz")) {
            return new Availability.Available("/proc/cpuinfo cpu MHz");
        }
        return new Availability.Unavailable("CPU frequency: no cpufreq scaling_cur_freq and no 'cpu MHz' in " + cpuinfo());
    }

    @Override
    public Session open() throws IOException {
        List<Path> files = cpufreqFiles();
        if (files.isEmpty() && !(availability() instanceof Availability.Available)) {
            throw new IOException(((Availability.Unavailable) availability()).reason());
        }
        return new Session() {
            @Override
            public TelemetrySample sample() throws IOException {
                List<Double> mhz = new ArrayList<>();
                if (!files.isEmpty()) {
                    for (Path f : files) {
                        mhz.add(SysFiles.readLong(f) / 1000.0);
                    }
                } else {
                    mhz.addAll(parseCpuinfoMhz(SysFiles.read(cpuinfo())));
                }
                return TelemetrySample.context(summarise(mhz));
            }

            @Override
            public String source() {
                return files.isEmpty() ? cpuinfo() + " 'cpu MHz' (no cpufreq; under a hypervisor usually the fixed nominal clock)"
                        : "cpufreq scaling_cur_freq of " + files.size() + " CPU(s)";
            }

            @Override
            public void close() {
            }
        };
    }

    static List<Double> parseCpuinfoMhz(String cpuinfo) {
        List<Double> out = new ArrayList<>();
        for (String line : cpuinfo.split("\n")) {
            if (line.startsWith("cpu MHz")) {
                int colon = line.indexOf(':');
                try {
                    out.add(Double.parseDouble(line.substring(colon + 1).trim()));
                } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                    // a malformed line is skipped; the other CPUs still count
                }
            }
        }
        return out;
    }

    static Map<String, Double> summarise(List<Double> mhz) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (mhz.isEmpty()) {
            return m;
        }
        double sum = 0;
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (double v : mhz) {
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        m.put("cpu_freq_mhz", sum / mhz.size());
        m.put("cpu_freq_mhz_min", min);
        m.put("cpu_freq_mhz_max", max);
        return m;
    }
}
