package dev.assay.core.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.assay.api.spec.BackendSpec;
import dev.assay.api.spec.ExecutorSpec;
import dev.assay.api.spec.GpuSpec;
import dev.assay.api.spec.HostSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class FingerprintTest {

    private static ExecutorSpec base() {
        return ExecutorProbe.capture(Fixtures.intelH100(Map.of("OMP_NUM_THREADS", "4")), List.of(ExecutorProbeTest.ORT));
    }

    private static HostSpec withHost(HostSpec h, String hostname, String kernel, long mem) {
        return new HostSpec(hostname, h.cpu(), mem, h.os(), kernel, h.virtualisation(), h.jvm());
    }

    private static GpuSpec withGpu(GpuSpec g, String driver, Map<String, Integer> clocks, String uuid) {
        return new GpuSpec(g.index(), g.name(), uuid, driver, g.cudaVersion(), g.computeCapability(), g.memoryMiB(),
                g.powerLimitW(), clocks, g.ecc(), g.mig(), g.source());
    }

    private static String fp(ExecutorSpec s, UnaryOperator<HostSpec> host, UnaryOperator<List<GpuSpec>> gpus,
                             UnaryOperator<List<BackendSpec>> backends, UnaryOperator<Map<String, String>> env) {
        return Fingerprint.of(host.apply(s.host()), gpus.apply(s.gpus()), backends.apply(s.backends()),
                env.apply(s.environment()));
    }

    @Test
    void stableAcrossTwoCaptures() {
        assertEquals(base().fingerprint(), base().fingerprint());
        assertEquals(base().fingerprint(), Fingerprint.of(base()));
    }

    @Test
    void unchangedByHostnameClocksUuidAndBackendOrder() {
        ExecutorSpec s = base();
        String f = s.fingerprint();
        assertEquals(f, fp(s, h -> withHost(h, "another-host", h.kernel(), h.memoryBytes()), g -> g, b -> b, e -> e));
        assertEquals(f, fp(s, h -> h, g -> g.stream().map(x -> withGpu(x, x.driverVersion(),
                Map.of("smMHz", 1980, "smMaxMHz", 1980, "memMHz", 2619, "memMaxMHz", 2619), "GPU-other")).toList(),
                b -> b, e -> e));
        // A few MB of firmware reservation must not split identical machines.
        assertEquals(f, fp(s, h -> withHost(h, h.hostname(), h.kernel(), h.memoryBytes() - 3L * 1024 * 1024), g -> g, b -> b, e -> e));
        // Location-only variables are not covered.
        assertEquals(f, fp(s, h -> h, g -> g, b -> b, e -> plus(e, "DJL_CACHE_DIR", "/tmp/djl")));
        BackendSpec other = new BackendSpec("djl", "PyTorch", "2.7.1", List.of("cpu"), "cpu", Map.of(), Map.of());
        assertEquals(fp(s, h -> h, g -> g, b -> List.of(b.getFirst(), other), e -> e),
                fp(s, h -> h, g -> g, b -> List.of(other, b.getFirst()), e -> e));
    }

    @Test
    void changesWhenACoveredFieldChanges() {
        ExecutorSpec s = base();
        String f = s.fingerprint();
        assertNotEquals(f, fp(s, h -> withHost(h, h.hostname(), "6.9.0", h.memoryBytes()), g -> g, b -> b, e -> e), "kernel");
        assertNotEquals(f, fp(s, h -> withHost(h, h.hostname(), h.kernel(), h.memoryBytes() * 2), g -> g, b -> b, e -> e), "memory");
        assertNotEquals(f, fp(s, h -> h, g -> g.stream().map(x -> withGpu(x, "560.28.03", x.clocks(), x.uuid())).toList(),
                b -> b, e -> e), "GPU driver");
        assertNotEquals(f, fp(s, h -> h, g -> g.subList(0, 1), b -> b, e -> e), "GPU count");
        assertNotEquals(f, fp(s, h -> h, g -> g, b -> List.of(new BackendSpec("onnxruntime", "ONNX Runtime", "1.22.0",
                List.of("CPUExecutionProvider"), "CPUExecutionProvider", Map.of("intraOp", 2, "interOp", 1),
                Map.of("graphOptimizationLevel", "ALL_OPT"))), e -> e), "backend version");
        assertNotEquals(f, fp(s, h -> h, g -> g, b -> b, e -> plus(e, "OPENBLAS_CORETYPE", "Haswell")), "steering env");
        assertNotEquals(f, fp(s, h -> {
            var c = h.cpu();
            Map<String, Boolean> isa = new HashMap<>(c.aiIsaFeatures());
            isa.put("amx_tile", false);
            return new HostSpec(h.hostname(), new dev.assay.api.spec.CpuSpec(c.vendor(), c.model(), c.microarchitecture(),
                    c.sockets(), c.cores(), c.threads(), c.caches(), isa, c.flags()), h.memoryBytes(), h.os(), h.kernel(),
                    h.virtualisation(), h.jvm());
        }, g -> g, b -> b, e -> e), "ISA feature");
        assertNotEquals(f, fp(s, h -> new HostSpec(h.hostname(), h.cpu(), h.memoryBytes(), h.os(), h.kernel(), h.virtualisation(),
                plus(h.jvm(), "version", "21.0.5+11-LTS")), g -> g, b -> b, e -> e), "JVM version");
    }

    @Test
    void verifyDetectsAnEditedSpec() {
        ExecutorSpec s = base();
        ExecutorSpec edited = new ExecutorSpec(withHost(s.host(), s.host().hostname(), "5.15.0", s.host().memoryBytes()),
                s.gpus(), s.gpuStatus(), s.backends(), s.environment(), s.fingerprint(), s.fingerprintFields());
        assertFalse(Fingerprint.verify(edited));
    }

    @Test
    void coveredViewHasExactlyTheListedFields() {
        ExecutorSpec s = base();
        var view = Fingerprint.coveredView(s.host(), s.gpus(), s.backends(), s.environment());
        assertEquals(Fingerprint.FIELDS, new ArrayList<>(view.keySet()));
        assertEquals(List.of("NVIDIA H100 80GB HBM3", "NVIDIA H100 80GB HBM3"), view.get("gpus[].name"));
        assertEquals(15L, view.get("host.memoryBytes (rounded to GiB)"));
        assertEquals("0123456789ab", Fingerprint.shortForm("0123456789abcdef"));
    }

    private static Map<String, String> plus(Map<String, String> m, String k, String v) {
        Map<String, String> c = new HashMap<>(m);
        c.put(k, v);
        return c;
    }
}
