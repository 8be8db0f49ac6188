package dev.assay.core.roofline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.api.roofline.BandwidthReport;
import dev.assay.api.roofline.BandwidthSample;
import dev.assay.api.roofline.Ceiling;
import dev.assay.api.roofline.CeilingOutcome;
import dev.assay.api.roofline.Effort;
import dev.assay.api.roofline.StreamKernel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Roofline arithmetic with round numbers: 20 GB/s triad, 100 GFLOP/s fp32 ridge at 5 FLOP/byte. */
class RooflineContextTest {
    static RooflineCeilings ceilings() {
        BandwidthReport bw = new BandwidthReport("test", "test", 1 << 27, 32 << 20, "test", List.of(
                new BandwidthSample(StreamKernel.TRIAD, 1, 12.0, 0.1, 1_200_000_000L),
                new BandwidthSample(StreamKernel.TRIAD, 2, 20.0, 0.06, 1_200_000_000L),
                new BandwidthSample(StreamKernel.COPY, 2, 25.0, 0.03, 800_000_000L)), List.of());
        List<CeilingOutcome> outcomes = List.of(
                new CeilingOutcome.Measured(new Ceiling("fp32", 100, "onnxruntime 1.29.0", "MatMul 4096")),
                new CeilingOutcome.Measured(new Ceiling("fp32", 150, "java 25 Vector API", "FMA")),
                new CeilingOutcome.NotMeasured("int8", "onnxruntime 1.29.0", "MatMulInteger failed"));
        IsaPeak.Report isa = new IsaPeak.Report(Map.of("fp32", new IsaPeak.Entry("fp32", 200.0, "2 cores x ...", null)),
                List.of("test"));
        return new RooflineCeilings("fp-test", Effort.QUICK, "2026-01-01T00:00:00Z", "measured", bw, null, outcomes, isa,
                List.of());
    }

    @Test
    void lowIntensityIsMemoryBound() {
        // 2 GFLOP and 1 GB per call: AI 2 FLOP/byte; 10 calls/s -> 20 GFLOP/s achieved.
        Map<String, Object> m = RooflineContext.characterise(2e9, 1e9, 10, "fp32", ceilings(), "onnxruntime");
        assertEquals(2.0, (Double) m.get("arithmetic_intensity"), 1e-12);
        assertEquals(20.0, (Double) m.get("bandwidth_gbs"), 1e-12, "best triad over thread counts");
        assertEquals(100.0, (Double) m.get("peak_gflops"), 1e-12, "the runtime asked for, not the higher FMA peak");
        assertEquals(5.0, (Double) m.get("ridge_point"), 1e-12);
        assertEquals(40.0, (Double) m.get("attainable_gflops"), 1e-12, "min(100, 2 x 20)");
        assertEquals(20.0, (Double) m.get("achieved_gflops"), 1e-12);
        assertEquals(0.5, (Double) m.get("achieved_fraction"), 1e-12);
        assertEquals("memory-bound", m.get("bound"));
        assertTrue(((String) m.get("peak_source")).startsWith("onnxruntime 1.29.0: MatMul 4096 [measured, quick"),
                (String) m.get("peak_source"));
    }

    @Test
    void highIntensityIsComputeBoundAndTheBestRuntimeIsTheDefault() {
        Map<String, Object> m = RooflineContext.characterise(1e10, 1e8, 1, "fp32", ceilings());
        assertEquals(100.0, (Double) m.get("arithmetic_intensity"), 1e-12);
        assertEquals(150.0, (Double) m.get("peak_gflops"), 1e-12);
        assertEquals(7.5, (Double) m.get("ridge_point"), 1e-12);
        assertEquals(150.0, (Double) m.get("attainable_gflops"), 1e-12);
        assertEquals(10.0 / 150.0, (Double) m.get("achieved_fraction"), 1e-12);
        assertEquals("compute-bound", m.get("bound"));
    }

    @Test
    void missingCeilingIsNotComputedWithTheProvidersReason() {
        Map<String, Object> m = RooflineContext.characterise(2e9, 1e9, 10, "int8", ceilings());
        assertEquals(2.0, (Double) m.get("arithmetic_intensity"), 1e-12);
        String attainable = (String) m.get("attainable_gflops");
        assertTrue(attainable.startsWith("not computed: no measured int8 ceiling"), attainable);
        assertTrue(attainable.contains("MatMulInteger failed"), attainable);
        assertTrue(((String) m.get("bound")).startsWith("not computed"));
        assertTrue(((String) m.get("achieved_fraction")).startsWith("not computed"));
        assertEquals(20.0, (Double) m.get("achieved_gflops"), 1e-12, "achieved needs no ceiling");
    }

    @Test
    void noRooflineAndZeroBytesAreExplained() {
        Map<String, Object> m = RooflineContext.characterise(2e9, 0, 10, "fp32", null);
        assertTrue(((String) m.get("arithmetic_intensity")).startsWith("not computed: needs FLOPs > 0 and bytes > 0"));
        assertTrue(((String) m.get("peak_gflops")).contains("no roofline measured"));
        assertTrue(((String) m.get("bound")).startsWith("not computed"));
    }

    @Test
    void jsonCarriesPeaksWithIsaBesideThemAndRoundTrips() {
        RooflineCeilings c = ceilings();
        Map<String, Object> json = c.toJson();
        assertEquals(20.0, json.get("bandwidth_gbs"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> peaks = (Map<String, Map<String, Object>>) json.get("peak_gflops");
        assertEquals(150.0, peaks.get("fp32").get("value"));
        assertEquals("java 25 Vector API", peaks.get("fp32").get("runtime"));
        assertEquals(200.0, peaks.get("fp32").get("isa_peak_gflops"));
        assertEquals(0.75, (Double) peaks.get("fp32").get("fraction_of_isa_peak"), 1e-12);
        assertEquals(null, peaks.get("int8").get("value"), "a precision tried but not measured has no number");
        assertEquals("not measured: onnxruntime 1.29.0: MatMulInteger failed", peaks.get("int8").get("reason"));

        var tree = dev.assay.core.bundle.Json.mapper().valueToTree(json);
        RooflineCeilings back = RooflineCeilings.fromJson(tree, "cache test");
        assertEquals(c.bandwidthGbs(), back.bandwidthGbs());
        assertEquals(c.peaks(), back.peaks());
        assertEquals(c.missingReason("int8"), back.missingReason("int8"));
        assertEquals(c.isa().gflops("fp32"), back.isa().gflops("fp32"));
        assertEquals("cache test", back.origin());
        assertEquals(json.get("ceilings"), back.toJson().get("ceilings"));
    }
}
