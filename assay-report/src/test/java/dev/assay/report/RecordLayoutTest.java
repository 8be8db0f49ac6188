package dev.assay.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.api.Phase;
import dev.assay.api.result.Check;
import dev.assay.api.result.Metric;
import dev.assay.api.result.Result;
import dev.assay.api.result.Validity;
import dev.assay.api.spec.CpuSpec;
import dev.assay.api.spec.ExecutorSpec;
import dev.assay.api.spec.HostSpec;
import dev.assay.core.bundle.Json;
import dev.assay.core.bundle.RunBundle;
import dev.assay.core.precision.CapabilityMatrix;
import dev.assay.report.model.MetricView;
import dev.assay.report.model.ResultView;
import dev.assay.report.model.RunView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report reads what the real records serialise to: a RunBundle of api Results written with
 * the project's Json, plus core's CapabilityMatrix as the runner adds it. Values are made up
 * (this tests the layout, not a measurement).
 */
class RecordLayoutTest {
    @TempDir
    Path tmp;

    private static Result inference(String precision, double throughput, Map<String, Object> details) {
        return new Result(Phase.INFERENCE, "mlp", "onnxruntime", precision, 32, 0, "offline", Map.of("duration_s", 3),
                Validity.of(List.of(new Check("min_duration", true, "3 s >= 3 s", null))), List.of(),
                Map.of("latency", new Metric.Distribution("ms", 1, 2, 3, 4, 5, 1.5, 1000),
                        "throughput", new Metric.Value("samples/s", throughput),
                        "energy_per_inference", new Metric.NotMeasured("no readable sensor")),
                details);
    }

    @Test
    void realRecordsAndCapabilityMatrixRender() throws Exception {
        List<Result> results = List.of(
                inference("fp32", 1000, Map.of("precision", Map.of("execution", "native"))),
                inference("fp16", 20, Map.of("disclosure", Map.of("precision", Map.of("execution", "native"),
                        "accuracy", Map.of("relative_l2", 4e-4, "max_abs", 0.003, "top1_agreement", 1.0)))),
                new Result(Phase.TRAINING, "mlp", "djl", "fp32", 128, 0, "adam", Map.of(),
                        Validity.of(List.of()), List.of(),
                        Map.of("samples_per_s", new Metric.Estimate("samples/s", 5000, 4900, 5100, 0.95, 5),
                                "mfu", new Metric.NotMeasured("no measured fp32 peak")), Map.of()));
        ExecutorSpec spec = new ExecutorSpec(new HostSpec("h", new CpuSpec("GenuineIntel", "Test CPU", "unknown", 1, 2, 2,
                Map.of(), Map.of("avx2", true), List.of()), 1L << 30, "Debian", "6.1", "none detected", Map.of()),
                List.of(), "none found", List.of(), Map.of("OMP_NUM_THREADS", "2"), "sha256:1", List.of("host.cpu.model"));
        RunBundle bundle = new RunBundle(RunBundle.SCHEMA_VERSION, "test", "quick", "complete", null,
                "2025-06-02T09:00:00Z", "2025-06-02T09:01:00Z", List.of("assay", "run"), spec, Map.of(), Map.of(),
                Map.of(), Map.of("reason", "not measured in this test"), results, List.of());
        ObjectNode tree = (ObjectNode) Json.mapper().valueToTree(bundle);
        tree.set("capability", Json.mapper().valueToTree(CapabilityMatrix.of(results).toJson()));
        Files.writeString(tmp.resolve("run.json"), Json.pretty(tree));

        RunView run = RunView.load(tmp);
        ResultView fp16 = run.results().get(1);
        assertEquals("inference", fp16.phase(), "Jackson writes the enum upper-case; the report reads it either way");
        assertInstanceOf(MetricView.Dist.class, fp16.metrics().get("latency"));
        assertInstanceOf(MetricView.Val.class, fp16.metrics().get("throughput"));
        assertInstanceOf(MetricView.Missing.class, fp16.metrics().get("energy_per_inference"));
        assertInstanceOf(MetricView.Est.class, run.results().get(2).metrics().get("samples_per_s"));

        ReportWriter.ReportFiles files = ReportWriter.write(tmp, ReportWriterTest.FIXED);
        String md = Files.readString(files.markdown());
        assertTrue(md.contains("| FP16 | 32 | **VALID** | 20 samples/s |"), md);
        assertTrue(md.contains("0.02× (slower) | slow-path | rel L2 4e-4 · max \\|Δ\\| 0.003 · top-1 100 %"), md);
        assertTrue(md.contains("| FP32 | 32 | **VALID** | 1,000 samples/s |"), md);
        assertTrue(md.contains("baseline | reference |"), md);
        assertTrue(md.contains("_not measured: no readable sensor_"), md);
        assertTrue(md.contains("_not computed: no measured fp32 peak_"), md);
        assertTrue(md.contains("Roofline ceilings\n\nNot in this run."), md);
        String html = Files.readString(files.html());
        assertTrue(html.contains("not in this run (not measured in this test)"), "roofline reason shown");
    }

    @Test
    void precisionVariantsAreKeptApart() throws Exception {
        List<Result> a = List.of(inference("int8", 3000, Map.of("precision", Map.of("variant", "int8-static"))),
                inference("int8", 2000, Map.of("precision", Map.of("variant", "int8-dynamic"))));
        List<Result> b = List.of(inference("int8", 2000, Map.of("precision", Map.of("variant", "int8-dynamic"))),
                inference("int8", 3000, Map.of("precision", Map.of("variant", "int8-static"))));
        for (var e : Map.of("a", a, "b", b).entrySet()) {
            RunBundle bundle = new RunBundle(1, "test", "s", "complete", null, "", "", List.of(), null, Map.of(), Map.of(),
                    Map.of(), Map.of(), e.getValue(), List.of());
            Files.createDirectories(tmp.resolve(e.getKey()));
            Files.writeString(tmp.resolve(e.getKey()).resolve("run.json"), Json.pretty(bundle));
        }
        var c = dev.assay.report.compare.Compare.compare(List.of(tmp.resolve("a"), tmp.resolve("b")), 1.0);
        assertEquals(2, c.pairs().size());
        for (var p : c.pairs()) {
            for (var d : p.deltas()) {
                assertEquals(0.0, d.deltaPct(), 1e-9, "static paired with static, dynamic with dynamic: " + p.label());
            }
        }
        ReportWriter.write(tmp.resolve("a"), ReportWriterTest.FIXED);
        assertTrue(Files.readString(tmp.resolve("a").resolve("report.md")).contains("| INT8 (int8-dynamic) |"));
    }
}
