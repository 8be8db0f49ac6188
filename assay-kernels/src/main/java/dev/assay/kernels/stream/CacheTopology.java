package dev.assay.kernels.stream;

import dev.assay.core.probe.CacheLevel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the last-level cache size from sysfs (each CPU's caches through the probe's {@link CacheLevel}) ({@code sys/devices/system/cpu/cpu*}/{@code cache/index*}),
 * relative to a root directory so tests can point it at a recorded tree.
 * The total is the sum over distinct LLC instances (distinct {@code shared_cpu_list}): STREAM's
 * rule is that each array be at least 4x the sum of all last-level caches.
 */
public final class CacheTopology {
    private CacheTopology() {
    }

    /**
     * Last-level cache found, or why not.
     *
     * @param totalBytes sum of all LLC instances, or -1 when unknown
     * @param level      cache level (3 on most servers), 0 when unknown
     * @param instances  distinct instances summed
     * @param source     human-readable provenance, or the reason it is unknown
     */
    public record LastLevelCache(long totalBytes, int level, int instances, String source) {
        /** True when the size was read. */
        public boolean known() {
            return totalBytes > 0;
        }
    }

    /** Reads the LLC of the machine below {@code root} (use {@code Path.of("/")} for this one). */
    public static LastLevelCache read(Path root) {
        Path cpus = root.resolve("sys/devices/system/cpu");
        if (!Files.isDirectory(cpus)) {
            return new LastLevelCache(-1, 0, 0, "unknown: " + cpus + " not found");
        }
        // level -> (shared_cpu_list -> size): a cache shared by several CPUs appears under each of them once.
        TreeMap<Integer, Map<String, Long>> byLevel = new TreeMap<>();
        try (DirectoryStream<Path> cpuDirs = Files.newDirectoryStream(cpus, "cpu[0-9]*")) {
            for (Path cpu : cpuDirs) {
                for (CacheLevel c : CacheLevel.readSysfs(cpu.resolve("cache"))) {
                    if (c.type().equalsIgnoreCase("Instruction") || c.sizeBytes() <= 0) {
                        continue;
                    }
                    String instance = c.sharedCpuList().equals("unknown") ? cpu.getFileName().toString() : c.sharedCpuList();
                    byLevel.computeIfAbsent(c.level(), k -> new TreeMap<>()).put(instance, c.sizeBytes());
                }
            }
        } catch (IOException | RuntimeException e) {
            return new LastLevelCache(-1, 0, 0, "unknown: cannot read " + cpus + ": " + e.getMessage());
        }
        if (byLevel.isEmpty()) {
            return new LastLevelCache(-1, 0, 0, "unknown: no data or unified caches under " + cpus + "/cpu*/cache");
        }
        int level = byLevel.lastKey();
        Map<String, Long> instances = byLevel.get(level);
        long total = instances.values().stream().mapToLong(Long::longValue).sum();
        return new LastLevelCache(total, level, instances.size(),
                String.format(Locale.ROOT, "sysfs: L%d, %d instance(s), %d KiB in total", level, instances.size(), total / 1024));
    }

    /** MemAvailable from {@code proc/meminfo} in bytes, or -1 when unreadable. */
    public static long memAvailable(Path root) {
        String text = readTrimmed(root.resolve("proc/meminfo"));
        if (text == null) {
            return -1;
        }
        for (String line : text.split("\n")) {
            if (line.startsWith("MemAvailable:")) {
                String[] parts = line.substring("MemAvailable:".length()).trim().split("\\s+");
                try {
                    return Long.parseLong(parts[0]) * 1024;
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    private static String readTrimmed(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return null;
        }
    }
}
