package dev.assay.core.roofline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The few {@code /proc/cpuinfo} facts the ISA peak needs: vendor, family, model, flags,
 * physical core count and the reported clock. Deliberately small: the full host description
 * is the probe's job; this only has to be right about what it uses.
 *
 * @param vendor        {@code vendor_id}, e.g. GenuineIntel, AuthenticAMD
 * @param family        {@code cpu family}, -1 when absent
 * @param model         {@code model}, -1 when absent
 * @param modelName     {@code model name}
 * @param flags         flags of the first processor
 * @param logicalCpus   processor entries
 * @param physicalCores distinct (physical id, core id) pairs; logical count when those are absent
 * @param cpuMhz        {@code cpu MHz} of the first processor, NaN when absent
 */
public record CpuInfo(String vendor, int family, int model, String modelName, Set<String> flags, int logicalCpus,
                      int physicalCores, double cpuMhz) {
    public CpuInfo {
        flags = Set.copyOf(flags);
    }

    /** Parses {@code proc/cpuinfo} below {@code root}. */
    public static CpuInfo read(Path root) throws IOException {
        return parse(Files.readString(root.resolve("proc/cpuinfo"), StandardCharsets.UTF_8));
    }

    /** Parses the text of {@code /proc/cpuinfo} (x86 layout: blank-line separated processor blocks). */
    public static CpuInfo parse(String text) {
        List<Map<String, String>> blocks = new java.util.ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                if (!current.isEmpty()) {
                    blocks.add(current);
                    current = new LinkedHashMap<>();
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                current.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        if (!current.isEmpty()) {
            blocks.add(current);
        }
        blocks.removeIf(b -> !b.containsKey("processor"));
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("no 'processor' entries in cpuinfo");
        }
        Map<String, String> first = blocks.getFirst();
        Set<String> cores = new HashSet<>();
        for (Map<String, String> b : blocks) {
            if (b.containsKey("physical id") && b.containsKey("core id")) {
                cores.add(b.get("physical id") + "/" + b.get("core id"));
            }
        }
        int physical = cores.isEmpty() ? blocks.size() : cores.size();
        String flagText = first.getOrDefault("flags", "");
        Set<String> flags = flagText.isBlank() ? Set.of() : new HashSet<>(List.of(flagText.split("\\s+")));
        return new CpuInfo(first.getOrDefault("vendor_id", "unknown"), intOr(first.get("cpu family")),
                intOr(first.get("model")), first.getOrDefault("model name", "unknown"), flags, blocks.size(), physical,
                doubleOr(first.get("cpu MHz")));
    }

    /** True when the flag is present. */
    public boolean has(String flag) {
        return flags.contains(flag);
    }

    private static int intOr(String s) {
        try {
            return s == null ? -1 : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static double doubleOr(String s) {
        try {
            return s == null ? Double.NaN : Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
