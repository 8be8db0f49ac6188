package dev.assay.core.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.api.backend.Availability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RAPL parsing and wrap-around against the constructed 2-socket tree (values in its README). */
class RaplSamplerTest {
    @TempDir
    Path root;

    @Test
    void deltaHandlesOneWrap() {
        assertEquals(300, RaplSampler.delta(1000, 1300, 5000));
        assertEquals(0, RaplSampler.delta(1000, 1000, 5000));
        // 4000 -> wraps at 5000 -> 200: 1000 to the top plus 200 after it.
        assertEquals(1200, RaplSampler.delta(4000, 200, 5000));
        assertEquals(28_850 + 1_700_000, RaplSampler.delta(262_143_300_000L, 1_700_000, 262_143_328_850L));
    }

    @Test
    void packageZonesAreSummedAcrossAWrapAndDramIsSeparate() throws IOException {
        Fixtures.overlay(Fixtures.RAPL.resolve("t0"), root);
        RaplSampler sampler = new RaplSampler(root);
        Availability.Available a = assertInstanceOf(Availability.Available.class, sampler.availability());
        assertEquals("RAPL package-0, package-1", a.detail());
        try (TelemetrySampler.Session s = sampler.open()) {
            Fixtures.overlay(Fixtures.RAPL.resolve("t1"), root);
            TelemetrySample t1 = s.sample();
            assertEquals(0.7, t1.energyJ(), 1e-9);
            assertEquals(0.0, t1.channels().get("rapl_wraps"));
            Fixtures.overlay(Fixtures.RAPL.resolve("t2"), root);
            TelemetrySample t2 = s.sample();
            assertEquals(4.02885, t2.energyJ(), 1e-9, "0.3 + 1.72885 (wrapped) + 0.4 + 1.6 J");
            assertEquals(1.0, t2.channels().get("rapl_wraps"));
            assertEquals(2.02885, t2.channels().get("rapl_0_package-0_j"), 1e-9);
            assertEquals(0.3, t2.channels().get("rapl_0:0_dram_j"), 1e-9);
            assertEquals(0.4, t2.channels().get("rapl_1:0_dram_j"), 1e-9);
            assertTrue(Double.isNaN(t2.powerW()));
        }
    }

    @Test
    void absentPowercapSaysSo() {
        Availability.Unavailable u = assertInstanceOf(Availability.Unavailable.class, new RaplSampler(root).availability());
        assertTrue(u.reason().startsWith("RAPL: no ") && u.reason().contains("intel-rapl:*"), u.reason());
    }

    @Test
    void unreadableCounterIsUnavailableNamingTheFile() throws IOException {
        Fixtures.overlay(Fixtures.RAPL.resolve("t0"), root);
        Path counter = root.resolve("sys/class/powercap/intel-rapl:1/energy_uj");
        Files.delete(counter);
        Files.createDirectory(counter); // reading a directory fails like an unreadable file (tests run as root, so chmod would not)
        Availability.Unavailable u = assertInstanceOf(Availability.Unavailable.class, new RaplSampler(root).availability());
        assertTrue(u.reason().contains("intel-rapl:1/energy_uj unreadable"), u.reason());
        assertTrue(u.reason().contains("CVE-2020-8694"), u.reason());
    }
}
