package dev.assay.core.probe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code /proc/cpuinfo} says about the CPU, parsed from its text (a pure function, so
 * recorded files from other machines test it).
 *
 * @param vendor      vendor_id (e.g. GenuineIntel, AuthenticAMD), "unknown" when absent
 * @param modelName   "model name", "unknown" when absent
 * @param family      "cpu family", -1 when absent
 * @param model       "model", -1 when absent
 * @param stepping    "stepping", -1 when absent
 * @param flags       the flags of the first processor, in file order
 * @param logicalCpus number of processor entries (online logical CPUs)
 * @param sockets     distinct "physical id" values, 0 when the file does not say
 * @param cores       distinct (physical id, core id) pairs, 0 when the file does not say
 */
public record CpuInfo(String vendor, String modelName, int family, int model, int stepping, List<String> flags,
                      int logicalCpus, int sockets, int cores) {
    public CpuInfo {
        flags = List.copyOf(flags);
        if (logicalCpus < 0 || sockets < 0 || cores < 0) {
            throw new IllegalArgumentException("CPU counts must be >= 0 (logicalCpus " + logicalCpus
                    + ", sockets " + sockets + ", cores " + cores + ")");
        }
    }

    /** Parses the full text of /proc/cpuinfo (x86 layout; other layouts yield "unknown" fields). */
    public static CpuInfo parse(String text) {
        List<Map<String, String>> blocks = blocks(text);
        Map<String, String> first = blocks.stream().filter(b -> b.containsKey("processor")).findFirst()
                .orElse(blocks.isEmpty() ? Map.of() : blocks.getFirst());
        int logical = (int) blocks.stream().filter(b -> b.containsKey("processor")).count();
        Set<String> packages = new HashSet<>();
        Set<String> coreIds = new HashSet<>();
        boolean topologyKnown = true;
        for (Map<String, String> b : blocks) {
            if (!b.containsKey("processor")) {
                continue;
            }
            String pkg = b.get("physical id");
            String core = b.get("core id");
            if (pkg == null || core == null) {
                topologyKnown = false;
                continue;
            }
            packages.add(pkg);
            coreIds.add(pkg + "/" + core);
        }
        String flagText = first.getOrDefault("flags", "");
        List<String> flags = flagText.isBlank() ? List.of() : Arrays.asList(flagText.strip().split("\\s+"));
        return new CpuInfo(first.getOrDefault("vendor_id", "unknown"), first.getOrDefault("model name", "unknown"),
                intOr(first.get("cpu family")), intOr(first.get("model")), intOr(first.get("stepping")), flags,
                logical, topologyKnown ? packages.size() : 0, topologyKnown ? coreIds.size() : 0);
    }

    /** Whether the kernel reports {@code flag} (exact kernel flag name, e.g. avx512f). */
    public boolean has(String flag) {
        return flags.contains(flag);
    }

    private static List<Map<String, String>> blocks(String text) {
        List<Map<String, String>> out = new ArrayList<>();
        Map<String, String> cur = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            if (line.isBlank()) {
                if (!cur.isEmpty()) {
                    out.add(cur);
                    cur = new LinkedHashMap<>();
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            cur.putIfAbsent(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
        }
        if (!cur.isEmpty()) {
            out.add(cur);
        }
        return out;
    }

    private static int intOr(String s) {
        if (s == null) {
            return -1;
        }
        try {
            // "model" is decimal in cpuinfo; some ARM fields are hex, which we do not map anyway.
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
