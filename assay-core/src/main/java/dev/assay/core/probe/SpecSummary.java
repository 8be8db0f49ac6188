package dev.assay.core.probe;

import dev.assay.api.spec.BackendSpec;
import dev.assay.api.spec.CpuSpec;
import dev.assay.api.spec.ExecutorSpec;
import dev.assay.api.spec.GpuSpec;
import dev.assay.api.spec.HostSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** A readable, multi-line rendering of an {@link ExecutorSpec} for terminals and text reports. */
public final class SpecSummary {
    private SpecSummary() {
    }

    /** {@link #lines(ExecutorSpec, List, List)} without unavailable backends or warnings. */
    public static List<String> lines(ExecutorSpec spec) {
        return lines(spec, List.of(), List.of());
    }

    /**
     * One labelled line per aspect, continuation lines indented.
     *
     * @param unavailableBackends "name (phase): reason" for each backend that gave no spec
     * @param warnings            setting warnings (see {@link ExecutorProbe#warnings})
     */
    public static List<String> lines(ExecutorSpec spec, List<String> unavailableBackends, List<String> warnings) {
        HostSpec h = spec.host();
        CpuSpec c = h.cpu();
        List<String> out = new ArrayList<>();
        out.add(row("Host", h.hostname() + " (not part of the fingerprint)"));
        out.add(row("CPU", c.model() + " | " + c.vendor() + ", " + c.microarchitecture() + " | " + count(c.sockets(), "socket")
                + ", " + count(c.cores(), "core") + ", " + count(c.threads(), "thread")));
        List<String> present = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        for (String k : IsaFeatures.KEYS) {
            (Boolean.TRUE.equals(c.aiIsaFeatures().get(k)) ? present : absent).add(k);
        }
        out.add(row("ISA", "present: " + (present.isEmpty() ? "none" : String.join(" ", present))));
        out.add(row("", "absent:  " + (absent.isEmpty() ? "none" : String.join(" ", absent))));
        if (c.caches().isEmpty()) {
            out.add(row("Caches", "unknown (no sysfs cache information)"));
        } else {
            boolean first = true;
            for (Map.Entry<String, String> e : c.caches().entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
                out.add(row(first ? "Caches" : "", e.getKey() + " " + e.getValue()));
                first = false;
            }
        }
        out.add(row("Memory", h.memoryBytes() == 0 ? "unknown"
                : String.format(Locale.ROOT, "%.1f GiB (%d bytes)", h.memoryBytes() / (double) (1L << 30), h.memoryBytes())));
        out.add(row("OS", h.os() + ", kernel " + h.kernel()));
        out.add(row("Virt", h.virtualisation()));
        Map<String, String> j = h.jvm();
        out.add(row("JVM", j.getOrDefault("vendor", "?") + " " + j.getOrDefault("version", "?") + " ("
                + j.getOrDefault("vmName", "?") + "), " + j.getOrDefault("availableProcessors", "?") + " processors, max heap "
                + heap(j.get("maxHeapBytes"))));
        String args = j.getOrDefault("inputArguments", "");
        out.add(row("", "flags: " + (args.isBlank() ? "(none)" : args)));
        out.add(row("GPUs", spec.gpuStatus()));
        for (GpuSpec g : spec.gpus()) {
            out.add(row("", "[" + g.index() + "] " + g.name() + ", cc " + g.computeCapability() + ", " + g.memoryMiB()
                    + " MiB, power limit " + (g.powerLimitW() == null ? "n/a" : g.powerLimitW() + " W") + ", driver "
                    + g.driverVersion() + ", CUDA " + (g.cudaVersion() == null ? "unknown" : g.cudaVersion())
                    + ", ECC " + g.ecc() + ", MIG " + g.mig() + ", clocks " + g.clocks().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "))));
        }
        if (spec.backends().isEmpty()) {
            out.add(row("Backends", unavailableBackends.isEmpty()
                    ? "none available (no backend providers found on the class path)" : "none available"));
        } else {
            boolean first = true;
            for (BackendSpec b : spec.backends()) {
                out.add(row(first ? "Backends" : "", b.backend() + ": " + b.runtime() + " " + b.version() + ", providers "
                        + b.executionProviders() + " (active " + b.activeProvider() + "), threads " + b.threads()
                        + ", options " + b.options()));
                first = false;
            }
        }
        for (String u : unavailableBackends) {
            out.add(row("Unavailable", u));
        }
        if (spec.environment().isEmpty()) {
            out.add(row("Env", "no steering variables set"));
        } else {
            boolean first = true;
            for (var e : spec.environment().entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
                out.add(row(first ? "Env" : "", e.getKey() + "=" + e.getValue()));
                first = false;
            }
        }
        out.add(row("Fingerprint", Fingerprint.shortForm(spec.fingerprint()) + " (sha256 " + spec.fingerprint() + ")"));
        out.add(row("", "covers " + spec.fingerprintFields().size() + " fields: " + String.join(", ", spec.fingerprintFields())));
        for (String w : warnings) {
            out.add(row("WARNING", w));
        }
        return out;
    }

    private static String row(String label, String text) {
        return String.format(Locale.ROOT, "%-12s%s", label, text);
    }

    private static String count(int n, String noun) {
        return n <= 0 ? noun + "s unknown" : n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String heap(String bytes) {
        try {
            return String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(bytes) / (double) (1L << 30));
        } catch (NumberFormatException | NullPointerException e) {
            return "unknown";
        }
    }
}
