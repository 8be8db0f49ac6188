package dev.assay.core.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Access to the recorded probe fixtures under src/test/resources/fixtures/probe (see its README.md). */
final class Fixtures {
    private Fixtures() {
    }

    static final String AMD = "amd-epyc-kvm";
    static final String INTEL = "intel-spr-handmade";
    static final String H100 = "gpu-h100-handmade";

    static Path dir(String name) {
        try {
            var url = Fixtures.class.getResource("/fixtures/probe/" + name);
            if (url == null) {
                throw new IllegalStateException("fixture folder missing: " + name);
            }
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(String name, String file) {
        try {
            return Files.readString(dir(name).resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CommandOutcome ok(String stdout) {
        return new CommandOutcome.Completed(0, stdout, "");
    }

    /** Recorded commands of the AMD machine (this project's dev VM), no GPU tools. */
    static Map<String, CommandOutcome> amdCommands() {
        Map<String, CommandOutcome> m = new HashMap<>();
        m.put("lscpu", ok(text(AMD, "lscpu.txt")));
        m.put("systemd-detect-virt --vm", ok(text(AMD, "systemd-detect-virt-vm.txt")));
        m.put("systemd-detect-virt --container", ok(text(AMD, "systemd-detect-virt-container.txt")));
        return m;
    }

    /** Recorded commands of the Intel host with the H100 nvidia-smi recordings. */
    static Map<String, CommandOutcome> intelH100Commands() {
        Map<String, CommandOutcome> m = new HashMap<>();
        m.put("lscpu", ok(text(INTEL, "lscpu.txt")));
        m.put(String.join(" ", NvidiaSmi.QUERY_COMMAND), ok(text(H100, "query-gpu.csv")));
        m.put(String.join(" ", NvidiaSmi.HEADER_COMMAND), ok(text(H100, "nvidia-smi.txt")));
        return m;
    }

    static final Map<String, String> JVM = Map.of("vendor", "Eclipse Adoptium", "version", "25.0.3+9-LTS",
            "vmName", "OpenJDK 64-Bit Server VM", "vmVersion", "25.0.3+9-LTS", "inputArguments", "-Xmx4g",
            "availableProcessors", "4", "maxHeapBytes", "4294967296");

    static ProbeSources intelH100(Map<String, String> env) {
        return new ProbeSources(dir(INTEL), env, CommandRunner.recorded(intelH100Commands()), JVM);
    }

    static ProbeSources amd(Map<String, String> env) {
        return new ProbeSources(dir(AMD), env, CommandRunner.recorded(amdCommands()), JVM);
    }

    static List<String> lines(String s) {
        return s.lines().toList();
    }
}
