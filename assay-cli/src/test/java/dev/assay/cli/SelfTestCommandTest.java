package dev.assay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.bundle.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SelfTestCommandTest {
    @Test
    void shortJsonCarriesTheContractKeys() throws Exception {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = AssayCli.execute("selftest", "--short", "--json");
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        JsonNode json = Json.mapper().readTree(out.toString(StandardCharsets.UTF_8));
        for (String key : new String[] {"server_max_valid_qps", "overhead_per_query_ns", "issue_lag_p99_ns_at_100k",
                "timer_resolution_ns", "timer_cost_ns"}) {
            assertTrue(json.has(key), "missing " + key + " in " + json);
        }
        assertEquals("short", json.get("form").asText());
        assertTrue(json.get("overhead_per_query_ns").asDouble() > 0, json.toString());
        assertTrue(json.get("timer_cost_ns").asDouble() > 0, json.toString());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("selftest:"), "progress on stderr");
    }

    @Test
    void unknownFlagIsBadInput() {
        PrintStream stderr = System.err;
        try {
            System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            assertEquals(AssayCli.BAD_INPUT, AssayCli.execute("selftest", "--fast"));
        } finally {
            System.setErr(stderr);
        }
    }
}
