package dev.assay.core.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SteeringEnvironmentTest {

    @Test
    void capturesSteeringVariablesOnly() {
        Map<String, String> env = Map.of(
                "OPENBLAS_CORETYPE", "Haswell", "OMP_NUM_THREADS", "2", "MKL_ENABLE_INSTRUCTIONS", "AVX2",
                "LD_PRELOAD", "/usr/lib/libjemalloc.so", "CUDA_VISIBLE_DEVICES", "0",
                "PATH", "/usr/bin", "HOME", "/root", "TF_ENABLE_ONEDNN_OPTS", "1",
                "TF_CLI_CONFIG_FILE", "/root/.terraformrc", "LANG", "C.UTF-8");
        Map<String, String> got = SteeringEnvironment.capture(env);
        assertEquals(Map.of("OPENBLAS_CORETYPE", "Haswell", "OMP_NUM_THREADS", "2", "MKL_ENABLE_INSTRUCTIONS", "AVX2",
                "LD_PRELOAD", "/usr/lib/libjemalloc.so", "CUDA_VISIBLE_DEVICES", "0", "TF_ENABLE_ONEDNN_OPTS", "1"), got);
        assertEquals(List.copyOf(new java.util.TreeSet<>(got.keySet())), List.copyOf(got.keySet()), "sorted by name");
    }

    @Test
    void secretsAreRedacted() {
        Map<String, String> got = SteeringEnvironment.capture(Map.of("TORCH_HUB_TOKEN", "hf_abc", "NCCL_SOCKET_IFNAME", "eth0"));
        assertEquals(SteeringEnvironment.REDACTED, got.get("TORCH_HUB_TOKEN"));
        assertEquals("eth0", got.get("NCCL_SOCKET_IFNAME"));
    }

    @Test
    void steersByPrefixAndName() {
        assertTrue(SteeringEnvironment.steers("JAVA_TOOL_OPTIONS"));
        assertTrue(SteeringEnvironment.steers("DNNL_MAX_CPU_ISA"));
        assertTrue(SteeringEnvironment.steers("NVIDIA_TF32_OVERRIDE"));
        assertFalse(SteeringEnvironment.steers("JAVA_HOME"));
        assertFalse(SteeringEnvironment.steers("TF_VAR_region"));
    }
}
