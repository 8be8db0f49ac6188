package dev.assay.djl;

import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Finds out in a child JVM whether a low-precision data type works in this DJL/PyTorch
 * build, so that a native abort kills the child and not the benchmark. Verdicts are cached
 * for the life of the JVM (one probe per type per run).
 */
final class PrecisionProbe {
    /** Longest a probe may take (engine load plus first-time native extraction). */
    static final long TIMEOUT_SECONDS = 180;
    private static final Map<DataType, Verdict> CACHE = new ConcurrentHashMap<>();

    private PrecisionProbe() {
    }

    /**
     * @param type      probed type
     * @param supported whether the mixed-precision step worked
     * @param detail    what worked, or why not (exit status and the child's last words)
     */
    record Verdict(DataType type, boolean supported, String detail) {
    }

    static Verdict probe(DataType type) {
        return CACHE.computeIfAbsent(type, PrecisionProbe::runChild);
    }

    private static Verdict runChild(DataType type) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-Xmx256m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        DjlRuntime.configure();
        for (String key : List.of(DjlRuntime.CACHE_DIR, DjlRuntime.OFFLINE)) {
            if (System.getProperty(key) != null) {
                cmd.add("-D" + key + "=" + System.getProperty(key));
            }
        }
        cmd.add("-D" + DjlRuntime.NUM_THREADS + "=1");
        cmd.add("-D" + DjlRuntime.NUM_INTEROP_THREADS + "=1");
        cmd.add(PrecisionProbeMain.class.getName());
        cmd.add(type.name());
        Path log = null;
        try {
            log = Files.createTempFile("assay-precision-probe-", ".log");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Verdict(type, false, "probe child did not finish within " + TIMEOUT_SECONDS + " s");
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (String line : lines) {
                if (line.startsWith(PrecisionProbeMain.OK)) {
                    return new Verdict(type, true, line.substring(PrecisionProbeMain.OK.length()));
                }
                if (line.startsWith(PrecisionProbeMain.FAIL)) {
                    return new Verdict(type, false, line.substring(PrecisionProbeMain.FAIL.length()));
                }
            }
            String lastStage = lines.stream().filter(l -> l.startsWith(PrecisionProbeMain.STAGE))
                    .map(l -> l.substring(PrecisionProbeMain.STAGE.length())).reduce((x, y) -> y).orElse("starting");
            int exit = p.exitValue();
            String signal = exit > 128 ? " (signal " + (exit - 128) + (exit == 134 ? ", SIGABRT" : "") + ")" : "";
            return new Verdict(type, false, "DJL/PyTorch aborted the probe JVM while " + lastStage + ": exit " + exit
                    + signal + ", last output: " + lastLines(lines));
        } catch (IOException e) {
            return new Verdict(type, false, "could not start the probe child JVM: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Verdict(type, false, "interrupted while probing " + type);
        } finally {
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless
                }
            }
        }
    }

    private static String lastLines(List<String> lines) {
        List<String> useful = lines.stream().filter(l -> !l.isBlank() && !l.startsWith("SLF4J")
                && !l.startsWith("WARNING") && !l.startsWith(PrecisionProbeMain.STAGE)).toList();
        if (useful.isEmpty()) {
            return "(none)";
        }
        return String.join(" | ", useful.subList(Math.max(0, useful.size() - 2), useful.size()));
    }
}
