package dev.assay.report.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.api.AssayException;
import dev.assay.core.bundle.Json;
import dev.assay.report.FixtureRun;
import dev.assay.report.compare.Comparison.Delta;
import dev.assay.report.compare.Comparison.Pair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareTest {
    @TempDir
    Path tmp;

    private Path run(String name, Consumer<ObjectNode> edit) throws Exception {
        return FixtureRun.create(tmp.resolve(name), edit);
    }

    private static ObjectNode result(ObjectNode root, int i) {
        return (ObjectNode) root.path("results").get(i);
    }

    private static Pair pair(Comparison c, String labelPart) {
        return c.pairs().stream().filter(p -> p.label().contains(labelPart)).findFirst().orElseThrow(
                () -> new AssertionError("no pair " + labelPart + " in " + c.pairs().stream().map(Pair::label).toList()));
    }

    private static Delta delta(Pair p, String name) {
        return p.deltas().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow(
                () -> new AssertionError("no delta " + name + " in " + p.deltas().stream().map(Delta::name).toList()));
    }

    @Test
    void identicalRunsAreComparableWithoutSignificantChange() throws Exception {
        Comparison c = Compare.compare(List.of(run("a", r -> { }), run("b", r -> { })), 5.0);
        assertEquals(11, c.pairs().size(), "every result that ran pairs up");
        assertTrue(c.executors().get(0).sameFingerprint());
        assertTrue(c.executors().get(0).differences().isEmpty());
        // the two UNSUPPORTED results are listed as not comparable (nothing measured), nothing else
        assertEquals(2, c.notComparable().size(), c.notComparable().toString());
        for (Pair p : c.pairs()) {
            for (Delta d : p.deltas()) {
                assertFalse(d.significant(), p.label() + " " + d.name());
                assertEquals(0.0, d.deltaPct(), 1e-9);
            }
        }
        assertEquals(0, c.exitCode());
        Delta p99 = delta(pair(c, "fp32 · batch 1 · server · qps 356"), "latency p99");
        assertTrue(p99.ciNote().contains("order statistics from .hlog"), p99.ciNote());
        Delta tput = delta(pair(c, "int8 · batch 32 · offline"), "throughput");
        assertFalse(Double.isNaN(tput.ciLowPct()), "Estimate CIs give a delta CI");
        Delta single = delta(pair(c, "fp32 · batch 1 · single-stream"), "throughput");
        assertEquals("no CI: single run", single.verdict());
    }

    @Test
    void significantRegressionOverThresholdExitsOne() throws Exception {
        Path a = run("a", r -> { });
        Path b = run("b", r -> {
            ObjectNode t = (ObjectNode) result(r, 6).path("metrics").path("throughput"); // int8 offline, has a CI
            t.put("value", 19000.0).put("ciLow", 18600.0).put("ciHigh", 19400.0);
        });
        Comparison gated = Compare.compare(List.of(a, b), 10.0);
        Delta d = delta(pair(gated, "int8 · batch 32 · offline"), "throughput");
        assertTrue(d.significant() && d.worse(), d.toString());
        assertEquals("worse", d.verdict());
        assertEquals(-21.16, d.deltaPct(), 0.01);
        assertTrue(d.ciHighPct() < 0 && d.ciLowPct() < d.deltaPct());
        assertEquals(1, gated.exitCode());
        assertEquals(1, gated.regressions().size());
        assertEquals(0, Compare.compare(List.of(a, b), 25.0).exitCode(), "21 % is under a 25 % threshold");
        assertEquals(0, Compare.compare(List.of(a, b), Double.NaN).exitCode(), "no gate, no failure");
    }

    @Test
    void slowerTailFromHlogIsSignificant() throws Exception {
        Path a = run("a", r -> { });
        Path b = run("b", r -> {
            ObjectNode lat = (ObjectNode) result(r, 7).path("metrics").path("latency");
            for (String k : new String[] {"p50", "p90", "p99", "p999", "max", "mean"}) {
                lat.put(k, lat.path(k).asDouble() * 1.5);
            }
        });
        Comparison c = Compare.compare(List.of(a, b), 10.0);
        Delta p99 = delta(pair(c, "server · qps 356"), "latency p99");
        assertEquals(50.0, p99.deltaPct(), 0.5);
        assertTrue(p99.significant() && p99.worse(), p99.toString());
        assertTrue(p99.confidence() >= 0.95 - 1e-9);
        assertEquals(1, c.exitCode());
    }

    @Test
    void otherPrecisionIsFlaggedNotComparable() throws Exception {
        Path a = run("a", r -> { });
        Path b = run("b", r -> result(r, 0).put("precision", "int4"));
        Comparison c = Compare.compare(List.of(a, b), Double.NaN);
        Optional<Comparison.NotComparable> nc = c.notComparable().stream()
                .filter(n -> n.label().contains("int4")).findFirst();
        assertTrue(nc.isPresent(), c.notComparable().toString());
        assertTrue(nc.get().reasons().contains("precision differs: fp32 vs int4"), nc.get().reasons().toString());
        assertTrue(CompareReport.text(c).contains("precision differs: fp32 vs int4"));
    }

    @Test
    void differentSettingsAreNotComparableButRunLengthIsOnlyANote() throws Exception {
        Path a = run("a", r -> { });
        Path b = run("b", r -> {
            ((ObjectNode) result(r, 8).path("settings")).put("qps", 150);       // operating point
            ((ObjectNode) result(r, 0).path("settings")).put("duration_s", 60); // run length
        });
        Comparison c = Compare.compare(List.of(a, b), Double.NaN);
        assertTrue(c.notComparable().stream().anyMatch(n -> n.reasons().contains("setting qps differs: 100 vs 150")),
                c.notComparable().toString());
        Pair p = pair(c, "fp32 · batch 1 · single-stream");
        assertTrue(p.notes().contains("run-length setting duration_s differs: 3 vs 60"), p.notes().toString());
    }

    @Test
    void executorDifferencesAreListedAndRankingsKeepPhasesApart() throws Exception {
        Path a = run("a", r -> { });
        Path b = run("b", r -> {
            ObjectNode ex = (ObjectNode) r.path("executor");
            ex.put("fingerprint", "sha256:0000000000000000");
            ((ObjectNode) ex.path("host").path("cpu")).put("model", "AMD EPYC 9654");
            ((ObjectNode) ex.path("environment")).remove("OPENBLAS_CORETYPE");
            // faster inference, slower training: the rankings must disagree
            for (int i : new int[] {4, 6}) {
                ObjectNode t = (ObjectNode) result(r, i).path("metrics").path("throughput");
                t.put("value", t.path("value").asDouble() * 1.3).put("ciLow", t.path("ciLow").asDouble() * 1.3)
                        .put("ciHigh", t.path("ciHigh").asDouble() * 1.3);
            }
            ObjectNode s = (ObjectNode) result(r, 11).path("metrics").path("samples_per_s");
            s.put("value", 50000.0).put("ciLow", 49000.0).put("ciHigh", 51000.0);
        });
        Comparison c = Compare.compare(List.of(a, b), Double.NaN);
        if (Boolean.getBoolean("assay.printCompare")) {
            System.out.println(CompareReport.text(c));
        }
        Comparison.ExecutorDiff d = c.executors().get(0);
        assertFalse(d.sameFingerprint());
        assertTrue(d.differences().stream().anyMatch(x -> x.startsWith("host.cpu.model: ")), d.differences().toString());
        assertTrue(d.differences().stream().anyMatch(x -> x.startsWith("environment.OPENBLAS_CORETYPE: Haswell vs absent")),
                d.differences().toString());
        Comparison.Ranking inf = c.rankings().stream().filter(r -> r.phase().equals("inference") && r.title().equals("throughput"))
                .findFirst().orElseThrow();
        Comparison.Ranking tr = c.rankings().stream().filter(r -> r.phase().equals("training") && r.title().equals("samples/s"))
                .findFirst().orElseThrow();
        assertEquals(1, inf.entries().get(0).run(), "B is faster at inference");
        assertEquals(0, tr.entries().get(0).run(), "A is faster at training");
        JsonNode json = Json.mapper().readTree(CompareReport.json(c));
        assertEquals("B", json.path("rankings").get(0).path("order").get(0).path("run").asText());
    }

    @Test
    void writesCompareFilesAndRejectsBadInput() throws Exception {
        Path a = run("a", r -> { });
        Comparison c = Compare.compare(List.of(a, run("b", r -> { })), Double.NaN);
        List<Path> files = CompareReport.write(c, tmp.resolve("out"), "0.0.0-test");
        for (Path f : files) {
            assertTrue(Files.size(f) > 500, f.toString());
        }
        assertTrue(Files.readString(files.get(0)).contains("<h2>Rankings</h2>"));
        assertEquals(AssayException.Kind.BAD_INPUT,
                assertThrows(AssayException.class, () -> Compare.compare(List.of(a), Double.NaN)).kind());
        assertEquals(AssayException.Kind.BAD_INPUT,
                assertThrows(AssayException.class, () -> Compare.compare(List.of(a, tmp.resolve("missing")), Double.NaN)).kind());
        assertEquals(AssayException.Kind.BAD_INPUT,
                assertThrows(AssayException.class, () -> Compare.compare(List.of(a, a), -1)).kind());
    }
}
