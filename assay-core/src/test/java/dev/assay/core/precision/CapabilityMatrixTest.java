package dev.assay.core.precision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.api.Phase;
import dev.assay.api.result.Metric;
import dev.assay.api.result.Result;
import dev.assay.api.result.Validity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CapabilityMatrixTest {
    static Result result(String precision, int batch, double throughput, String execution, String variant) {
        Map<String, Object> details = execution == null ? Map.of()
                : Map.of("precision", Map.of("execution", execution, "variant", variant, "reason", "casts inserted"));
        return new Result(Phase.INFERENCE, "mlp", "onnxruntime", precision, batch, 0, "offline", Map.of(),
                new Validity(Validity.Verdict.VALID, List.of()), List.of(),
                Map.of("throughput", new Metric.Value("samples/s", throughput)), details);
    }

    static Result unsupported(String precision) {
        return new Result(Phase.INFERENCE, "mlp", "onnxruntime", precision, 1, 0, "offline", Map.of(),
                new Validity(Validity.Verdict.UNSUPPORTED, List.of()), List.of("unsupported: Could not find an implementation for Relu(14)"),
                Map.of(), Map.of());
    }

    @Test
    void verdictsFollowTheRules() {
        List<Result> rs = List.of(
                result("fp32", 1, 1000, "reference", "fp32"),
                result("fp16", 1, 12, "emulated", "fp16"),          // 80x slower: slow-path beats emulated
                result("int8", 1, 2500, "native", "int8-static"),
                result("int8", 1, 1800, "native", "int8-dynamic"),
                result("int4", 1, 980, "emulated", "int4"),          // within tolerance: graph verdict stands
                unsupported("bf16"),
                result("fp16", 32, 500, "native", "fp16"));          // no fp32 at batch 32: graph verdict, no speed-up
        CapabilityMatrix m = CapabilityMatrix.of(rs);
        List<CapabilityMatrix.Entry> e = m.entries();
        assertEquals(CapabilityVerdict.REFERENCE, e.get(0).verdict());
        assertEquals(CapabilityVerdict.SLOW_PATH, e.get(1).verdict());
        assertEquals(0.012, e.get(1).speedupVsFp32(), 1e-12);
        assertTrue(e.get(1).reason().contains("graph verdict emulated"), e.get(1).reason());
        assertEquals(CapabilityVerdict.NATIVE, e.get(2).verdict());
        assertEquals(2.5, m.speedupVsFp32(2).orElseThrow(), 1e-12);
        assertEquals("int8-dynamic", e.get(3).precisionKey());
        assertEquals(CapabilityVerdict.EMULATED, e.get(4).verdict());
        assertEquals(CapabilityVerdict.UNSUPPORTED, e.get(5).verdict());
        assertTrue(e.get(5).reason().contains("Could not find an implementation"));
        assertEquals(CapabilityVerdict.NATIVE, e.get(6).verdict());
        assertNull(e.get(6).speedupVsFp32());
    }

    @Test
    void precisionRowTakesTheMostSevereVerdict() {
        CapabilityMatrix m = CapabilityMatrix.of(List.of(
                result("fp32", 1, 1000, "reference", "fp32"), result("fp32", 32, 20000, "reference", "fp32"),
                result("fp16", 1, 1100, "native", "fp16"), result("fp16", 32, 100, "native", "fp16")));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) m.toJson().get("rows");
        Map<String, Object> fp16 = rows.stream().filter(r -> r.get("variant").equals("fp16")).findFirst().orElseThrow();
        assertEquals("slow-path", fp16.get("verdict"));
        assertEquals(0.005, (double) fp16.get("speedup_min"), 1e-12);
        assertEquals(1.1, (double) fp16.get("speedup_max"), 1e-12);
        assertEquals(2, ((List<?>) fp16.get("points")).size());
    }

    @Test
    void withoutBaselineOrGraphVerdictItSaysUnknown() {
        CapabilityMatrix m = CapabilityMatrix.of(List.of(result("int8", 1, 100, null, null)));
        assertEquals(CapabilityVerdict.UNKNOWN, m.entries().get(0).verdict());
        assertTrue(m.speedupVsFp32(0).isEmpty());
    }
}
