package dev.assay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.bundle.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assay report} and {@code assay compare} end to end through picocli. The run.json files
 * here are tiny HAND-WRITTEN inputs (not measurements) in the layout the runner writes.
 */
class ReportCompareCommandTest {
    @TempDir
    Path tmp;

    private Path run(String name, String precision, double throughput, double ciHalf) throws Exception {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("run.json"), """
                {"schemaVersion":1,"assayVersion":"test","suite":"tiny","status":"complete",
                 "startedAt":"2025-06-02T09:00:00Z","finishedAt":"2025-06-02T09:01:00Z","command":["assay","run"],
                 "executor":{"fingerprint":"sha256:abc","host":{"cpu":{"model":"Test CPU","threads":2}},"environment":{}},
                 "results":[{"phase":"INFERENCE","workload":"mlp","backend":"onnxruntime","precision":"%s","batch":32,
                   "seqLen":0,"scenario":"offline","settings":{"duration_s":3},
                   "validity":{"verdict":"VALID","checks":[]},"warnings":[],
                   "metrics":{"throughput":{"unit":"samples/s","value":%s,"ciLow":%s,"ciHigh":%s,"confidence":0.95,"repeats":3}},
                   "details":{}}],
                 "warnings":[]}
                """.formatted(precision, throughput, throughput - ciHalf, throughput + ciHalf));
        return dir;
    }

    @Test
    void reportPrintsThePathOfReportHtml() throws Exception {
        Path dir = run("a", "fp32", 1000, 10);
        CliRun r = CliRun.of("report", dir.toString());
        assertEquals(0, r.exit(), r.err());
        Path html = Path.of(r.out().strip());
        assertEquals(dir.resolve("report.html").toAbsolutePath(), html);
        assertTrue(Files.readString(html).contains("Assay report · suite tiny"));
        assertTrue(Files.exists(dir.resolve("report.md")) && Files.exists(dir.resolve("results.csv")));
    }

    @Test
    void reportBadInputIsOneLineAndExitTwo() throws Exception {
        CliRun missing = CliRun.of("report", tmp.resolve("nope").toString());
        assertEquals(2, missing.exit());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
        assertTrue(missing.err().startsWith("assay: run directory not found"), missing.err());
        CliRun empty = CliRun.of("report", tmp.toString());
        assertEquals(2, empty.exit());
        assertTrue(empty.err().contains("no run.json"), empty.err());
    }

    @Test
    void compareGatesOnSignificantRegression() throws Exception {
        Path a = run("a", "fp32", 1000, 10);
        Path b = run("b", "fp32", 800, 10);
        CliRun gated = CliRun.of("compare", a.toString(), b.toString(), "--fail-on-regression", "5");
        assertEquals(1, gated.exit(), gated.out() + gated.err());
        assertTrue(gated.out().contains("significant regression"), gated.out());
        assertEquals(0, CliRun.of("compare", a.toString(), b.toString(), "--fail-on-regression", "30").exit());
        CliRun json = CliRun.of("compare", a.toString(), b.toString(), "--json", "--out", tmp.resolve("cmp").toString());
        assertEquals(0, json.exit(), json.err());
        JsonNode tree = Json.mapper().readTree(json.out());
        assertEquals(-20.0, tree.path("pairs").get(0).path("deltas").get(0).path("delta_pct").asDouble(), 1e-9);
        assertTrue(Files.exists(tmp.resolve("cmp").resolve("compare.html")));
    }

    @Test
    void compareFlagsAnotherPrecisionAndRejectsOneRun() throws Exception {
        Path a = run("a", "fp32", 1000, 10);
        Path b = run("b", "int8", 3000, 30);
        CliRun r = CliRun.of("compare", a.toString(), b.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("precision differs: fp32 vs int8"), r.out());
        assertTrue(r.out().contains("NOT COMPARABLE"), r.out());
        CliRun one = CliRun.of("compare", a.toString());
        assertEquals(2, one.exit());
        CliRun missing = CliRun.of("compare", a.toString(), tmp.resolve("missing").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().startsWith("assay: run directory not found"), missing.err());
    }
}
