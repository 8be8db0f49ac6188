package dev.assay.core.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuInfoTest {

    @Test
    void parsesRecordedAmdEpycCpuinfo() {
        CpuInfo c = CpuInfo.parse(Fixtures.text(Fixtures.AMD, "proc/cpuinfo"));
        assertEquals("AuthenticAMD", c.vendor());
        assertEquals("AMD EPYC", c.modelName());
        assertEquals(25, c.family());
        assertEquals(1, c.model());
        assertEquals(2, c.logicalCpus());
        assertEquals(1, c.sockets());
        assertEquals(2, c.cores());
        assertTrue(c.has("avx2"));
        assertTrue(c.has("hypervisor"));
        assertFalse(c.has("avx512f"));
        Map<String, Boolean> isa = IsaFeatures.of(c.flags());
        assertEquals(IsaFeatures.KEYS.size(), isa.size());
        assertTrue(isa.get("avx2"));
        assertTrue(isa.get("fma"));
        IsaFeatures.KEYS.stream().filter(k -> !k.equals("avx2") && !k.equals("fma"))
                .forEach(k -> assertFalse(isa.get(k), k + " must be absent on Zen 3"));
        assertEquals("Zen 3 (Milan)", Microarchitectures.name(c.vendor(), c.family(), c.model(), c.stepping()));
    }

    @Test
    void parsesIntelSapphireRapidsWithAvx512AndAmx() {
        CpuInfo c = CpuInfo.parse(Fixtures.text(Fixtures.INTEL, "proc/cpuinfo"));
        assertEquals("GenuineIntel", c.vendor());
        assertEquals("Intel(R) Xeon(R) Platinum 8488C", c.modelName());
        assertEquals(4, c.logicalCpus());
        assertEquals(1, c.sockets());
        assertEquals(2, c.cores(), "two cores with two hyper-threads each");
        Map<String, Boolean> isa = IsaFeatures.of(c.flags());
        IsaFeatures.KEYS.forEach(k -> assertTrue(isa.get(k), k + " must be present on Sapphire Rapids"));
        assertEquals("Sapphire Rapids", Microarchitectures.name(c.vendor(), c.family(), c.model(), c.stepping()));
    }

    @Test
    void topologyUnknownWithoutPhysicalIdAndLscpuFillsIt() {
        String stripped = Fixtures.text(Fixtures.INTEL, "proc/cpuinfo").lines()
                .filter(l -> !l.startsWith("physical id") && !l.startsWith("core id"))
                .reduce("", (a, b) -> a + b + "\n");
        CpuInfo c = CpuInfo.parse(stripped);
        assertEquals(0, c.sockets());
        assertEquals(0, c.cores());
        Lscpu l = Lscpu.parse(Fixtures.text(Fixtures.INTEL, "lscpu.txt"));
        assertEquals(1, l.sockets().orElseThrow());
        assertEquals(2, l.cores().orElseThrow());
        assertEquals("KVM", l.get("Hypervisor vendor").orElseThrow());
    }

    @Test
    void emptyCpuinfoGivesUnknownsNotExceptions() {
        CpuInfo c = CpuInfo.parse("");
        assertEquals("unknown", c.vendor());
        assertEquals(0, c.logicalCpus());
        assertEquals(-1, c.family());
        assertEquals("unknown (family -1 model -1)", Microarchitectures.name(c.vendor(), c.family(), c.model(), c.stepping()));
    }

    @Test
    void microarchitectureTable() {
        assertEquals("Cascade Lake", Microarchitectures.name("GenuineIntel", 6, 85, 7));
        assertEquals("Skylake-SP", Microarchitectures.name("GenuineIntel", 6, 85, 4));
        assertEquals("Cooper Lake", Microarchitectures.name("GenuineIntel", 6, 85, 11));
        assertEquals("Ice Lake-SP", Microarchitectures.name("GenuineIntel", 6, 106, 6));
        assertEquals("Emerald Rapids", Microarchitectures.name("GenuineIntel", 6, 207, 2));
        assertEquals("Granite Rapids", Microarchitectures.name("GenuineIntel", 6, 173, 1));
        assertEquals("Zen 2 (Rome)", Microarchitectures.name("AuthenticAMD", 23, 49, 0));
        assertEquals("Zen 4 (Genoa)", Microarchitectures.name("AuthenticAMD", 25, 17, 1));
        assertEquals("Zen 4c (Bergamo / Siena)", Microarchitectures.name("AuthenticAMD", 25, 0xA0, 1));
        assertEquals("Zen 5 (Turin)", Microarchitectures.name("AuthenticAMD", 26, 2, 1));
        assertEquals("unknown (family 6 model 250)", Microarchitectures.name("GenuineIntel", 6, 250, 0));
        assertEquals("unknown (family 8 model 1)", Microarchitectures.name("CentaurHauls", 8, 1, 0));
    }
}
