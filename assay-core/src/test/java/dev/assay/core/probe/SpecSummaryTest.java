package dev.assay.core.probe;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.api.spec.ExecutorSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecSummaryTest {

    @Test
    void rendersGpusUnavailableBackendsAndWarnings() {
        ExecutorSpec s = ExecutorProbe.capture(Fixtures.intelH100(Map.of("OPENBLAS_CORETYPE", "Haswell")),
                List.of(ExecutorProbeTest.ORT));
        String text = String.join("\n", SpecSummary.lines(s, List.of("djl (training): PyTorch natives missing"),
                ExecutorProbe.warnings(s)));
        assertTrue(text.contains("Sapphire Rapids | 1 socket, 2 cores, 4 threads"), text);
        assertTrue(text.contains("present: avx2 fma avx512f avx512bw avx512_vnni avx512_bf16 avx512_fp16 amx_tile amx_bf16 amx_int8 avx_vnni"), text);
        assertTrue(text.contains("absent:  none"), text);
        assertTrue(text.contains("[1] NVIDIA H100 80GB HBM3, cc 9.0, 81559 MiB, power limit 700.0 W, driver 550.54.15, CUDA 12.4"), text);
        assertTrue(text.contains("onnxruntime: ONNX Runtime 1.23.0"), text);
        assertTrue(text.contains("Unavailable djl (training): PyTorch natives missing"), text);
        assertTrue(text.contains("WARNING     OPENBLAS_CORETYPE=Haswell"), text);
        assertTrue(text.contains("Fingerprint " + s.fingerprint().substring(0, 12)), text);
    }
}
