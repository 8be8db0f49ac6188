package dev.assay.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.api.roofline.CeilingOutcome;
import dev.assay.api.roofline.CeilingProvider;
import dev.assay.api.roofline.Effort;
import dev.assay.kernels.fma.VectorFmaCeilingProvider;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class VectorFmaPeakTest {
    @Test
    void providerIsDiscoveredAndMeasuresFp32() {
        CeilingProvider provider = ServiceLoader.load(CeilingProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p instanceof VectorFmaCeilingProvider)
                .findFirst().orElseThrow(() -> new AssertionError("vector-fma provider not registered"));
        List<CeilingOutcome> outcomes = provider.measure(Effort.QUICK, 1);
        assertEquals(1, outcomes.size());
        CeilingOutcome.Measured m = assertInstanceOf(CeilingOutcome.Measured.class, outcomes.getFirst(), outcomes.toString());
        assertEquals("fp32", m.precision());
        assertTrue(Double.isFinite(m.ceiling().gflops()) && m.ceiling().gflops() > 0.1, m.toString());
        assertTrue(m.ceiling().method().contains("12 independent accumulators"), m.ceiling().method());
    }
}
