package dev.assay.core.probe;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.RuntimeMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the probe reads from, made explicit so a test can point it at a recorded
 * fixture tree instead of the live machine.
 *
 * @param root     file system root under which {@code proc/}, {@code sys/} and {@code etc/} are read ("/" live)
 * @param env      environment variables (live: {@link System#getenv()})
 * @param commands runner for external tools (nvidia-smi, lscpu, systemd-detect-virt)
 * @param jvm      JVM facts (vendor, version, vmName, inputArguments, availableProcessors, maxHeapBytes)
 */
public record ProbeSources(Path root, Map<String, String> env, CommandRunner commands, Map<String, String> jvm) {
    public ProbeSources {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(commands, "commands");
        env = Map.copyOf(env);
        jvm = Map.copyOf(jvm);
    }

    /** The machine this JVM runs on. */
    public static ProbeSources live() {
        return new ProbeSources(Path.of("/"), System.getenv(), CommandRunner.system(), currentJvm());
    }

    /** Reads {@code relative} (e.g. "proc/cpuinfo") under the root; empty when absent or unreadable. */
    public Optional<String> read(String relative) {
        Path p = path(relative);
        try {
            return Files.isRegularFile(p) ? Optional.of(Files.readString(p, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            // Unreadable sysfs/procfs entries (permissions, vanished CPU) are "unknown", not fatal.
            return Optional.empty();
        }
    }

    /** Reads the first line of {@code relative}, stripped; empty when absent or blank. */
    public Optional<String> readLine(String relative) {
        return read(relative).map(s -> s.lines().findFirst().orElse("").strip()).filter(s -> !s.isEmpty());
    }

    /** Resolves {@code relative} under the root. */
    public Path path(String relative) {
        return root.resolve(relative);
    }

    /** JVM facts of the running JVM, as strings (the spec stores them as a string map). */
    public static Map<String, String> currentJvm() {
        RuntimeMXBean rt = ManagementFactory.getRuntimeMXBean();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("vendor", System.getProperty("java.vendor", "unknown"));
        m.put("version", System.getProperty("java.runtime.version", System.getProperty("java.version", "unknown")));
        m.put("vmName", System.getProperty("java.vm.name", "unknown"));
        m.put("vmVersion", System.getProperty("java.vm.version", "unknown"));
        m.put("inputArguments", String.join(" ", rt.getInputArguments()));
        m.put("availableProcessors", Integer.toString(Runtime.getRuntime().availableProcessors()));
        m.put("maxHeapBytes", Long.toString(Runtime.getRuntime().maxMemory()));
        return m;
    }
}
