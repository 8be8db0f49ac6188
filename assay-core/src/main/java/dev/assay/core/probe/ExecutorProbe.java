package dev.assay.core.probe;

import dev.assay.api.spec.BackendSpec;
import dev.assay.api.spec.CpuSpec;
import dev.assay.api.spec.ExecutorSpec;
import dev.assay.api.spec.HostSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Captures the executor specification from the machine: CPU, caches, ISA features, memory,
 * OS, kernel, virtualisation, JVM, GPUs, the steering environment, the given backends, and
 * the fingerprint over the comparability-relevant parts. Never throws for a missing source:
 * an unreadable field is "unknown" (or 0 for counts) and GPUs say why none were found.
 */
public final class ExecutorProbe {
    private ExecutorProbe() {
    }

    /** The sysfs directory of cpu0's caches, relative to the root. */
    static final String CACHE_DIR = "sys/devices/system/cpu/cpu0/cache";

    /** Captures this machine's specification with the given backends. */
    public static ExecutorSpec capture(List<BackendSpec> backends) {
        return capture(ProbeSources.live(), backends);
    }

    /** Captures from explicit sources (tests point these at recorded fixtures). */
    public static ExecutorSpec capture(ProbeSources src, List<BackendSpec> backends) {
        HostSpec host = host(src);
        NvidiaSmi.Reading gpus = NvidiaSmi.read(src.commands(), src.root());
        Map<String, String> env = SteeringEnvironment.capture(src.env());
        String fp = Fingerprint.of(host, gpus.gpus(), backends, env);
        return new ExecutorSpec(host, gpus.gpus(), gpus.status(), backends, env, fp, Fingerprint.FIELDS);
    }

    /**
     * Warnings about settings known to change or degrade results (e.g. OPENBLAS_CORETYPE=Haswell
     * on an AVX-512 CPU). The run writes them into run.json's warnings.
     */
    public static List<String> warnings(ExecutorSpec spec) {
        return SettingWarnings.of(spec);
    }

    /** Host part: CPU, memory, OS, kernel, virtualisation, JVM. */
    static HostSpec host(ProbeSources src) {
        CpuInfo info = CpuInfo.parse(src.read("proc/cpuinfo").orElse(""));
        Lscpu lscpu = lscpu(src);
        return new HostSpec(hostname(src), cpu(info, lscpu, src), memoryBytes(src.read("proc/meminfo").orElse("")),
                osName(src), src.readLine("proc/sys/kernel/osrelease").orElse("unknown"),
                Virtualisation.detect(src, lscpu, info.has("hypervisor")), src.jvm());
    }

    static CpuSpec cpu(CpuInfo info, Lscpu lscpu, ProbeSources src) {
        // cpuinfo first (always present on Linux); lscpu fills what cpuinfo's layout lacks (non-x86, VMs).
        String vendor = !info.vendor().equals("unknown") ? info.vendor() : lscpu.get("Vendor ID").orElse("unknown");
        String model = !info.modelName().equals("unknown") ? info.modelName() : lscpu.get("Model name").orElse("unknown");
        int sockets = info.sockets() > 0 ? info.sockets() : lscpu.sockets().orElse(0);
        int cores = info.cores() > 0 ? info.cores() : lscpu.cores().orElse(0);
        int threads = info.logicalCpus() > 0 ? info.logicalCpus() : lscpu.intField("CPU(s)").orElse(0);
        List<String> flags = !info.flags().isEmpty() ? info.flags()
                : lscpu.get("Flags").map(f -> List.of(f.split("\\s+"))).orElse(List.of());
        String uarch = Microarchitectures.name(vendor, info.family(), info.model(), info.stepping());
        return new CpuSpec(vendor, model, uarch, sockets, cores, threads,
                CacheLevel.describeAll(CacheLevel.readSysfs(src.path(CACHE_DIR))), IsaFeatures.of(flags), flags);
    }

    /** MemTotal from /proc/meminfo in bytes; 0 when absent. */
    public static long memoryBytes(String meminfo) {
        for (String line : meminfo.split("\\R")) {
            if (line.startsWith("MemTotal:")) {
                String[] parts = line.substring("MemTotal:".length()).strip().split("\\s+");
                try {
                    long v = Long.parseLong(parts[0]);
                    // The kernel prints "kB" but means KiB.
                    return parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? v * 1024 : v;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    /** PRETTY_NAME from os-release text, unquoted; empty when absent. */
    public static Optional<String> prettyName(String osRelease) {
        for (String line : osRelease.split("\\R")) {
            if (line.startsWith("PRETTY_NAME=")) {
                String v = line.substring("PRETTY_NAME=".length()).strip();
                if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
                    v = v.substring(1, v.length() - 1);
                }
                return v.isEmpty() ? Optional.empty() : Optional.of(v);
            }
        }
        return Optional.empty();
    }

    private static String osName(ProbeSources src) {
        return src.read("etc/os-release").or(() -> src.read("usr/lib/os-release"))
                .flatMap(ExecutorProbe::prettyName).orElse("unknown");
    }

    private static String hostname(ProbeSources src) {
        return src.readLine("proc/sys/kernel/hostname").or(() -> src.readLine("etc/hostname"))
                .or(() -> Optional.ofNullable(src.env().get("HOSTNAME"))).orElse("unknown");
    }

    private static Lscpu lscpu(ProbeSources src) {
        if (src.commands().run(List.of("lscpu")) instanceof CommandOutcome.Completed c && c.ok()) {
            return Lscpu.parse(c.stdout());
        }
        return Lscpu.empty();
    }
}
