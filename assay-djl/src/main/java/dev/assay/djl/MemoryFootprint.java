package dev.assay.djl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Memory footprint of a training run. Weights, gradients and optimiser state are computed
 * from the parameter count (FP32 master copies: 4 bytes each; Adam keeps two moments, SGD
 * with momentum one). The peak is the process's resident-set high-water mark (VmHWM),
 * reset at the start of the run where the kernel allows it.
 */
final class MemoryFootprint {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private MemoryFootprint() {
    }

    /** Optimiser state tensors per parameter. */
    static int optimizerStatesPerParam(String optimizer) {
        return switch (optimizer) {
            case "adam" -> 2;
            case "sgd" -> 1;
            default -> throw new IllegalArgumentException("unknown optimizer " + optimizer);
        };
    }

    /**
     * Resets VmHWM to the current RSS (Linux: write "5" to /proc/self/clear_refs).
     *
     * @return true when the reset worked, so the peak covers only what follows
     */
    static boolean resetPeak() {
        try {
            Files.writeString(CLEAR_REFS, "5");
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false; // older kernels, non-Linux or restricted /proc: the peak then covers the JVM's lifetime
        }
    }

    /** VmHWM in bytes, if /proc reports it. */
    static OptionalLong peakRssBytes() {
        return statusKb("VmHWM:");
    }

    /** VmRSS in bytes, if /proc reports it. */
    static OptionalLong rssBytes() {
        return statusKb("VmRSS:");
    }

    private static OptionalLong statusKb(String key) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(key)) {
                    String[] parts = line.substring(key.length()).trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }
}
