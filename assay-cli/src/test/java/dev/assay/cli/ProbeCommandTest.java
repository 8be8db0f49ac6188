package dev.assay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.bundle.Json;
import dev.assay.core.probe.Fingerprint;
import dev.assay.core.probe.IsaFeatures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs {@code assay probe} on this machine (the live probe: whatever CPU the tests run on). */
class ProbeCommandTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = AssayCli.execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void jsonIsTheExecutorSpecWithTheIsaFeatureMap() throws Exception {
        Run r = run("probe", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode spec = Json.mapper().readTree(r.out());
        JsonNode isa = spec.at("/host/cpu/aiIsaFeatures");
        assertEquals(IsaFeatures.KEYS.size(), isa.size(), r.out());
        for (String k : IsaFeatures.KEYS) {
            assertTrue(isa.get(k).isBoolean(), k + " must be true/false");
        }
        assertTrue(spec.at("/host/cpu/threads").asInt() > 0);
        assertTrue(spec.at("/fingerprint").asText().matches("[0-9a-f]{64}"));
        assertEquals(Fingerprint.FIELDS.size(), spec.at("/fingerprintFields").size());
        assertTrue(spec.at("/gpus").isArray());
        assertTrue(!spec.at("/gpuStatus").asText().isBlank());
    }

    @Test
    void humanSummaryNamesEveryAspect() {
        Run r = run("probe");
        assertEquals(0, r.exit(), r.err());
        for (String label : new String[] {"CPU ", "ISA ", "Memory ", "OS ", "Virt ", "JVM ", "GPUs ", "Backends ", "Fingerprint "}) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(label)), "missing line " + label + " in:\n" + r.out());
        }
        assertTrue(r.out().contains("covers " + Fingerprint.FIELDS.size() + " fields"), r.out());
    }

    @Test
    void unknownFlagIsBadInput() {
        Run r = run("probe", "--jsn");
        assertEquals(AssayCli.BAD_INPUT, r.exit());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}
