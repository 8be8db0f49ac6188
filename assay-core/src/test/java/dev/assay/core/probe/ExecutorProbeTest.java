package dev.assay.core.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.api.spec.BackendSpec;
import dev.assay.api.spec.ExecutorSpec;
import dev.assay.core.bundle.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutorProbeTest {

    static final BackendSpec ORT = new BackendSpec("onnxruntime", "ONNX Runtime", "1.23.0",
            List.of("CPUExecutionProvider"), "CPUExecutionProvider", Map.of("intraOp", 2, "interOp", 1),
            Map.of("graphOptimizationLevel", "ALL_OPT"));

    @Test
    void capturesIntelHostWithH100sFromRecordings() {
        ExecutorSpec s = ExecutorProbe.capture(Fixtures.intelH100(Map.of("OMP_NUM_THREADS", "4", "PATH", "/bin")), List.of(ORT));
        var h = s.host();
        assertEquals("ip-10-0-1-23", h.hostname());
        assertEquals("GenuineIntel", h.cpu().vendor());
        assertEquals("Sapphire Rapids", h.cpu().microarchitecture());
        assertEquals(1, h.cpu().sockets());
        assertEquals(2, h.cpu().cores());
        assertEquals(4, h.cpu().threads());
        assertTrue(h.cpu().aiIsaFeatures().get("amx_int8"));
        assertTrue(h.cpu().flags().contains("avx512vl"), "raw flags kept");
        assertEquals(4, h.cpu().caches().size());
        assertEquals(16070228L * 1024, h.memoryBytes());
        assertEquals("Ubuntu 24.04.1 LTS", h.os());
        assertEquals("6.8.0-1016-aws", h.kernel());
        assertEquals("vm: kvm", h.virtualisation(), "from lscpu's hypervisor vendor when systemd-detect-virt is absent");
        assertEquals("25.0.3+9-LTS", h.jvm().get("version"));
        assertEquals(2, s.gpus().size());
        assertEquals("12.4", s.gpus().getFirst().cudaVersion());
        assertEquals("2 GPU(s) read via nvidia-smi", s.gpuStatus());
        assertEquals(List.of(ORT), s.backends());
        assertEquals(Map.of("OMP_NUM_THREADS", "4"), s.environment());
        assertEquals(64, s.fingerprint().length());
        assertTrue(s.fingerprint().matches("[0-9a-f]{64}"));
        assertEquals(Fingerprint.FIELDS, s.fingerprintFields());
        assertTrue(Fingerprint.verify(s));
    }

    @Test
    void capturesRecordedAmdDevMachine() {
        ExecutorSpec s = ExecutorProbe.capture(Fixtures.amd(Map.of()), List.of());
        assertEquals("Zen 3 (Milan)", s.host().cpu().microarchitecture());
        assertEquals("vm: kvm; container: docker", s.host().virtualisation());
        assertEquals("Debian GNU/Linux 12 (bookworm)", s.host().os());
        assertEquals(24683656L * 1024, s.host().memoryBytes());
        assertTrue(s.gpus().isEmpty());
        assertEquals("none found (nvidia-smi not on PATH; no /dev/nvidia0)", s.gpuStatus());
        assertFalse(s.host().cpu().aiIsaFeatures().get("avx512f"));
    }

    @Test
    void emptyRootGivesUnknownsNotACrash(@TempDir Path root) {
        ExecutorSpec s = ExecutorProbe.capture(new ProbeSources(root, Map.of(), CommandRunner.none(), Fixtures.JVM), List.of());
        assertEquals("unknown", s.host().cpu().vendor());
        assertEquals(0, s.host().memoryBytes());
        assertEquals("unknown", s.host().os());
        assertEquals("none detected", s.host().virtualisation());
        assertTrue(s.gpus().isEmpty());
        assertEquals(64, s.fingerprint().length());
    }

    @Test
    void specRoundTripsAsJsonWithIsaMap() throws Exception {
        ExecutorSpec s = ExecutorProbe.capture(Fixtures.intelH100(Map.of()), List.of(ORT));
        var tree = Json.mapper().readTree(Json.pretty(s));
        assertEquals(IsaFeatures.KEYS.size(), tree.at("/host/cpu/aiIsaFeatures").size());
        assertTrue(tree.at("/host/cpu/aiIsaFeatures/avx512_bf16").asBoolean());
        assertEquals("NVIDIA H100 80GB HBM3", tree.at("/gpus/1/name").asText());
        assertEquals(s.fingerprint(), tree.at("/fingerprint").asText());
    }

    @Test
    void memTotalAndPrettyName() {
        assertEquals(1024L * 1024, ExecutorProbe.memoryBytes("MemFree: 1 kB\nMemTotal:    1024 kB\n"));
        assertEquals(0, ExecutorProbe.memoryBytes("nothing"));
        assertEquals("Fedora Linux 41 (Server Edition)",
                ExecutorProbe.prettyName("NAME=x\nPRETTY_NAME='Fedora Linux 41 (Server Edition)'\n").orElseThrow());
        assertTrue(ExecutorProbe.prettyName("NAME=x").isEmpty());
    }

    @Test
    void dmiNamesAVmWhenNoToolSaysSo() {
        // Intel fixture has DMI "Amazon EC2 / m7i.xlarge"; without lscpu output DMI decides.
        var src = new ProbeSources(Fixtures.dir(Fixtures.INTEL), Map.of(), CommandRunner.none(), Fixtures.JVM);
        assertEquals("vm: amazon", Virtualisation.detect(src, Lscpu.empty(), false));
    }
}
