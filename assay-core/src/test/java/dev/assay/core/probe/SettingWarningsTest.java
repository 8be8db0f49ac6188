package dev.assay.core.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.api.spec.ExecutorSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingWarningsTest {

    private static List<String> intel(Map<String, String> env) {
        return ExecutorProbe.warnings(ExecutorProbe.capture(Fixtures.intelH100(env), List.of()));
    }

    private static List<String> amd(Map<String, String> env) {
        return ExecutorProbe.warnings(ExecutorProbe.capture(Fixtures.amd(env), List.of()));
    }

    @Test
    void haswellCoretypeOnAvx512CpuIsFlagged() {
        List<String> w = intel(Map.of("OPENBLAS_CORETYPE", "Haswell"));
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.getFirst().startsWith("OPENBLAS_CORETYPE=Haswell "), w.getFirst());
        assertTrue(w.getFirst().contains("silently halves OpenBLAS GEMM speed"), w.getFirst());
    }

    @Test
    void haswellCoretypeOnZen3IsHarmless() {
        // Zen 3 has no AVX-512: OpenBLAS runs its Haswell kernels there anyway.
        assertEquals(List.of(), amd(Map.of("OPENBLAS_CORETYPE", "Haswell")));
    }

    @Test
    void preAvx2AndWrongAvx512CoretypesAreFlagged() {
        assertTrue(amd(Map.of("OPENBLAS_CORETYPE", "Sandybridge")).getFirst().contains("pre-AVX2"));
        assertTrue(amd(Map.of("OPENBLAS_CORETYPE", "SkylakeX")).getFirst().contains("without avx512f"));
        assertEquals(List.of(), intel(Map.of("OPENBLAS_CORETYPE", "SapphireRapids")));
    }

    @Test
    void noSteeringVariablesNoWarnings() {
        assertEquals(List.of(), intel(Map.of()));
    }

    @Test
    void otherKnownHarmfulSettings() {
        assertTrue(intel(Map.of("OMP_NUM_THREADS", "16")).getFirst().contains("oversubscribes the 4 logical CPUs"));
        assertEquals(List.of(), intel(Map.of("OMP_NUM_THREADS", "4")));
        assertTrue(intel(Map.of("DNNL_MAX_CPU_ISA", "AVX512_CORE_BF16")).getFirst().contains("below AMX"));
        assertEquals(List.of(), intel(Map.of("ONEDNN_MAX_CPU_ISA", "AVX512_CORE_AMX")));
        assertTrue(intel(Map.of("MKL_ENABLE_INSTRUCTIONS", "AVX2")).getFirst().contains("caps MKL"));
        assertTrue(intel(Map.of("CUDA_VISIBLE_DEVICES", "")).getFirst().contains("hides every GPU"));
        assertEquals(List.of(), amd(Map.of("CUDA_VISIBLE_DEVICES", "")), "no GPUs seen: nothing hidden");
        assertTrue(intel(Map.of("CUDA_LAUNCH_BLOCKING", "1")).getFirst().contains("synchronous"));
        assertTrue(intel(Map.of("LD_PRELOAD", "/usr/lib/libtcmalloc.so")).getFirst().startsWith("LD_PRELOAD="));
    }

    @Test
    void warningsComeFromTheSpecNotTheLiveMachine() {
        ExecutorSpec s = ExecutorProbe.capture(Fixtures.intelH100(Map.of("OPENBLAS_CORETYPE", "haswell")), List.of());
        assertEquals(1, SettingWarnings.of(s).size(), "case-insensitive core type");
    }
}
