package dev.assay.core.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One CPU cache as seen by cpu0 in sysfs ({@code /sys/devices/system/cpu/cpu0/cache/indexN/}).
 *
 * @param level         1, 2, 3, ...
 * @param type          Data, Instruction or Unified
 * @param sizeBytes     size of one instance
 * @param sharedCpuList the logical CPUs sharing this instance, as sysfs lists them (e.g. "0-1")
 */
public record CacheLevel(int level, String type, long sizeBytes, String sharedCpuList) {
    public CacheLevel {
        if (level < 1) {
            throw new IllegalArgumentException("cache level must be >= 1, got " + level);
        }
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("cache size must be >= 0 bytes, got " + sizeBytes);
        }
    }

    /** The conventional name: L1d, L1i, L2, L3. */
    public String label() {
        return "L" + level + switch (type) {
            case "Data" -> "d";
            case "Instruction" -> "i";
            default -> "";
        };
    }

    /** "32 KiB per instance (32768 bytes), shared by CPUs 0". */
    public String describe() {
        return humanBytes(sizeBytes) + " per instance (" + sizeBytes + " bytes), shared by CPUs " + sharedCpuList;
    }

    /** Reads every indexN directory under {@code cacheDir}; empty when the directory is absent. */
    public static List<CacheLevel> readSysfs(Path cacheDir) {
        if (!Files.isDirectory(cacheDir)) {
            return List.of();
        }
        List<CacheLevel> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(cacheDir)) {
            for (Path d : dirs.filter(p -> p.getFileName().toString().matches("index\\d+")).sorted().toList()) {
                Optional<String> level = line(d.resolve("level"));
                Optional<String> size = line(d.resolve("size"));
                if (level.isEmpty() || size.isEmpty()) {
                    continue; // a half-populated index (seen in some VMs) says nothing usable
                }
                out.add(new CacheLevel(Integer.parseInt(level.get()), line(d.resolve("type")).orElse("Unified"),
                        parseSize(size.get()), line(d.resolve("shared_cpu_list")).orElse("unknown")));
            }
        } catch (IOException | NumberFormatException e) {
            return List.copyOf(out);
        }
        out.sort(Comparator.comparingInt(CacheLevel::level).thenComparing(CacheLevel::type));
        return List.copyOf(out);
    }

    /** The CpuSpec form: label to description, in level order. */
    public static Map<String, String> describeAll(List<CacheLevel> caches) {
        Map<String, String> m = new LinkedHashMap<>();
        for (CacheLevel c : caches) {
            String key = c.label();
            int n = 2;
            while (m.containsKey(key)) {
                key = c.label() + "#" + n++; // several instances of one kind seen by cpu0: keep each
            }
            m.put(key, c.describe());
        }
        return m;
    }

    /** Parses sysfs sizes: "32K", "32768K", "2M", "512" (bytes). */
    public static long parseSize(String s) {
        String t = s.strip().toUpperCase(Locale.ROOT);
        long mult = 1;
        if (t.endsWith("K")) {
            mult = 1024L;
        } else if (t.endsWith("M")) {
            mult = 1024L * 1024;
        } else if (t.endsWith("G")) {
            mult = 1024L * 1024 * 1024;
        }
        if (mult != 1) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            return Long.parseLong(t) * mult;
        } catch (NumberFormatException e) {
            throw new NumberFormatException("cache size '" + s + "' is not <digits>[K|M|G]");
        }
    }

    static String humanBytes(long b) {
        if (b >= 1L << 30 && b % (1L << 30) == 0) {
            return (b >> 30) + " GiB";
        }
        if (b >= 1L << 20 && b % (1L << 20) == 0) {
            return (b >> 20) + " MiB";
        }
        if (b >= 1L << 10 && b % (1L << 10) == 0) {
            return (b >> 10) + " KiB";
        }
        return b + " B";
    }

    private static Optional<String> line(Path p) {
        try {
            if (!Files.isRegularFile(p)) {
                return Optional.empty();
            }
            String s = Files.readString(p).strip();
            return s.isEmpty() ? Optional.empty() : Optional.of(s);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
