package dev.assay.djl.ceiling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import dev.assay.api.backend.Availability;
import dev.assay.api.roofline.Ceiling;
import dev.assay.api.roofline.CeilingProvider;
import dev.assay.djl.DjlTrainingProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class DjlGemmCeilingProviderTest {
    @Test
    void smallGemmThroughPyTorchGivesAPositiveFp32Ceiling() {
        Availability a = new DjlTrainingProvider().availability();
        // The natives come from Maven Central jars; if they cannot load here the provider's reason is the result.
        Assumptions.assumeTrue(a.available(), () -> "PyTorch natives unavailable: " + a);
        Engine engine = Engine.getEngine("PyTorch");
        Ceiling c = DjlGemmCeilingProvider.gemm(engine, "djl test", 256, 2);
        assertEquals("fp32", c.precision());
        assertTrue(c.gflops() > 0 && Double.isFinite(c.gflops()), c.toString());
        assertTrue(c.method().startsWith("NDArray.matMul 256x256x256 (fp32)"), c.method());
    }

    @Test
    void providerIsRegistered() {
        assertTrue(ServiceLoader.load(CeilingProvider.class).stream()
                .anyMatch(p -> p.type() == DjlGemmCeilingProvider.class));
    }
}
