package dev.assay.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.core.bundle.Json;
import dev.assay.report.chart.SvgChart;
import dev.assay.report.hlog.LatencyLog;
import dev.assay.report.model.Facts;
import dev.assay.report.model.MetricView;
import dev.assay.report.model.ResultView;
import dev.assay.report.model.RunView;
import dev.assay.report.render.CsvExport;
import dev.assay.report.render.Fmt;
import dev.assay.report.render.Md;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelAndFormatTest {
    @TempDir
    Path tmp;

    private RunView view(String json) throws Exception {
        return RunView.of(tmp, Json.mapper().readTree(json));
    }

    @Test
    void metricsAreClassifiedByShapeAndKeysMatchLeniently() throws Exception {
        RunView run = view("""
                {"results":[{"phase":"Inference","seq_len":128,"precision":"INT8",
                  "metrics":{"latency":{"unit":"us","p50":10,"p99":40,"count":"1000"},
                             "throughput":{"unit":"samples/s","value":5.0,"ci_low":4.0,"ci_high":6.0,"confidence":0.9,"repeats":3},
                             "energy_per_inference":{"reason":"no readable sensor: RAPL permission denied"},
                             "mfu":0.25}}]}
                """);
        ResultView r = run.results().get(0);
        assertEquals("inference", r.phase());
        assertEquals(128, r.seqLen());
        assertEquals("int8", r.precision());
        assertEquals("UNKNOWN", r.verdict(), "no validity block");
        MetricView.Dist lat = assertInstanceOf(MetricView.Dist.class, r.metrics().get("latency"));
        assertEquals(1000, lat.count());
        assertTrue(Double.isNaN(lat.p90()), "absent percentile is NaN, not 0");
        MetricView.Est est = assertInstanceOf(MetricView.Est.class, r.metrics().get("throughput"));
        assertEquals(4.0, est.ciLow());
        assertInstanceOf(MetricView.Missing.class, r.metrics().get("energy_per_inference"));
        assertInstanceOf(MetricView.Val.class, r.metrics().get("mfu"));
        Facts.Energy e = Facts.energy(r);
        assertFalse(e.measured());
        assertEquals("no readable sensor: RAPL permission denied", e.reason());
    }

    @Test
    void capabilityMatrixInNestedObjectForm() throws Exception {
        RunView run = view("""
                {"capability":{"onnxruntime":{"fp16":{"verdict":"slow-path","reason":"FP16 Gemm"},"int8":"native"}},
                 "results":[{"phase":"inference","backend":"onnxruntime","precision":"fp16"}]}
                """);
        List<Facts.Capability> m = Facts.capabilityMatrix(run);
        assertEquals(2, m.size());
        assertEquals("slow-path", Facts.capability(run, run.results().get(0)).orElseThrow().verdict());
    }

    @Test
    void hlogPathsOutsideTheRunDirectoryAreIgnored() throws Exception {
        RunView run = view("""
                {"results":[{"phase":"inference","details":{"a":{"hlog":"../../etc/x.hlog"},"b":{"hlogs":["ok.hlog"],"hlog_unit":"us"}}}]}
                """);
        List<Facts.HlogRef> refs = Facts.hlogs(run, run.results().get(0));
        assertEquals(1, refs.size());
        assertEquals(tmp.resolve("ok.hlog"), refs.get(0).file());
        assertEquals("us", refs.get(0).unit());
        LatencyLog missing = LatencyLog.read(refs.get(0));
        assertFalse(missing.usable());
        assertTrue(missing.problem().contains("not found"));
        Files.writeString(tmp.resolve("ok.hlog"), "Tag=latency,0.0,1.0,2.0,this-is-not-base64!!\n");
        assertFalse(LatencyLog.read(refs.get(0)).usable(), "corrupt log is a problem, not a crash");
    }

    @Test
    void numbersAreFormattedForHumans() {
        assertEquals("1,230,000", Fmt.num(1_234_567));
        assertEquals("12.3", Fmt.num(12.345));
        assertEquals("4.1e-4", Fmt.num(0.00041));
        assertEquals("28.4 µs", Fmt.duration(0.0284, "ms"));
        assertEquals("1.52 s", Fmt.duration(1520, "ms"));
        assertEquals("850 ns", Fmt.duration(850, "ns"));
        assertEquals("5.42 mJ", Fmt.joules(0.00542));
        assertEquals("584 MiB", Fmt.bytes(612_368_384));
        assertEquals("-21.2 %", Fmt.signedPct(-21.16));
        assertEquals("not measured: no sensor", Fmt.metric(new MetricView.Missing("no sensor")));
        assertEquals(Fmt.NA, Fmt.num(Double.NaN));
    }

    @Test
    void markdownAndCsvEscaping() {
        assertEquals("a \\| b &lt;script&gt;", Md.esc("a | b <script>"));
        assertEquals("`x`", Md.code("x"));
    }

    @Test
    void csvDefusesFormulas() throws Exception {
        RunView run = view("""
                {"results":[{"phase":"inference","workload":"=HYPERLINK(\\"http://x\\")","precision":"fp32","scenario":"a,b"}]}
                """);
        String csv = CsvExport.render(run);
        String row = csv.split("\r\n")[1];
        assertTrue(row.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), row);
        assertTrue(row.contains("\"a,b\""), row);
    }

    @Test
    void chartAxesAndEscaping() {
        assertEquals("0%", SvgChart.ninesLabel(0));
        assertEquals("50%", SvgChart.ninesLabel(Math.log10(2)));
        assertEquals("99%", SvgChart.ninesLabel(2));
        assertEquals("99.9%", SvgChart.ninesLabel(3));
        assertEquals(2.0, SvgChart.nines(0.99), 1e-12);
        SvgChart c = SvgChart.builder("t1", "<b>title</b>")
                .x(SvgChart.Axis.log("x", Fmt::num)).y(SvgChart.Axis.linear("y", Fmt::num))
                .series(new SvgChart.Series("<i>s</i>", "#000", SvgChart.Mark.POINTS, false,
                        List.of(SvgChart.Point.of(1, 1), SvgChart.Point.of(100, 2), SvgChart.Point.of(-1, 3))))
                .build();
        String svg = c.render();
        assertEquals(2, c.pointCount(), "a non-positive x cannot be drawn on a log axis");
        assertFalse(svg.contains("<b>") || svg.contains("<i>"), svg);
        assertTrue(svg.contains("&lt;b&gt;title&lt;/b&gt;"));
        assertTrue(svg.contains(">100<"), "decade tick on the log axis");
    }
}
