package dev.assay.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.api.AssayException;
import dev.assay.api.Precision;
import dev.assay.api.backend.BackendProvider;
import dev.assay.api.backend.PreparedWorkload;
import dev.assay.api.backend.WorkloadRequest;
import dev.assay.core.loadgen.NullSut;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The synthetic backend passes the conformance suite and rejects malformed options in one line. */
class SyntheticBackendTest extends BackendConformanceTest {
    @Override
    protected BackendProvider provider() {
        return new SyntheticBackendProvider();
    }

    @Override
    protected WorkloadRequest request() {
        return request(Map.of("service", "exp:200us", "servers", "2"));
    }

    private static WorkloadRequest request(Map<String, String> options) {
        return new WorkloadRequest("synthetic", null, Precision.FP32, 4, 0, 1, options);
    }

    @Test
    void parsesServiceLaws() throws AssayException {
        assertEquals(new ServiceTimeLaw.Exponential(2_000_000), ServiceTimeLaw.parse("exp:2ms"));
        assertEquals(new ServiceTimeLaw.Deterministic(500_000), ServiceTimeLaw.parse("det:500us"));
        assertInstanceOf(ServiceTimeLaw.None.class, ServiceTimeLaw.parse("null"));
        assertEquals("exp:2ms", ServiceTimeLaw.parse("exp:2ms").id());
        assertEquals(1_000_000 * Math.log(2), new ServiceTimeLaw.Exponential(1_000_000).sampleNanos(0.5), 1);
    }

    @Test
    void malformedOptionsAreBadInputInOneLine() {
        for (Map<String, String> bad : new Map[] {Map.of("service", "uniform:1ms"), Map.of("service", "exp:fast"),
                Map.of("service", "exp"), Map.of("service", "exp:0ms"), Map.of("servers", "two"), Map.of("servers", "0"),
                Map.of("synchronous", "maybe")}) {
            AssayException e = assertThrows(AssayException.class, () -> new SyntheticBackend().prepare(request(bad)), bad.toString());
            assertEquals(AssayException.Kind.BAD_INPUT, e.kind());
            assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void discloseTheLawAndTheBatch() throws AssayException {
        try (PreparedWorkload w = new SyntheticBackend().prepare(request(Map.of("service", "exp:1ms")))) {
            assertEquals("exp:1ms", w.disclosure().get("service"));
            assertEquals(1000.0, (double) w.disclosure().get("capacity_qps"), 1e-9);
            assertEquals(4, w.itemsPerSample());
            assertTrue(w.warnings().getFirst().startsWith("synthetic system under test"));
        }
        try (PreparedWorkload w = new SyntheticBackend().prepare(request(Map.of("service", "null")))) {
            assertInstanceOf(NullSut.class, w.sut());
        }
    }
}
