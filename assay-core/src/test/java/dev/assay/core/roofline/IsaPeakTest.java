package dev.assay.core.roofline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.core.probe.CpuInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class IsaPeakTest {
    static final Path EPYC = Path.of("src/test/resources/telemetry/recorded-epyc-kvm");
    static final Path NODE = Path.of("src/test/resources/telemetry/constructed-node");

    @Test
    void recordedEpycGuestHasAnAvx2Fp32PeakAndNoInt8Peak() {
        IsaPeak.Report r = IsaPeak.compute(EPYC);
        // 2 cores x 2445.406 MHz x 32 FLOP/cycle (2 x 256-bit FMA x 8 lanes x 2).
        assertEquals(2 * 2.445406 * 32, r.gflops("fp32"), 1e-9);
        assertTrue(r.entries().get("fp32").basis().contains("2 x 256-bit FMA"), r.entries().get("fp32").basis());
        assertNull(r.gflops("int8"));
        assertTrue(r.entries().get("int8").notComputed().startsWith("not computed: no VNNI"));
        assertTrue(r.entries().get("bf16").notComputed().contains("no avx512_bf16"));
        assertTrue(r.assumptions().stream().anyMatch(a -> a.contains("/proc/cpuinfo 'cpu MHz'")), r.assumptions().toString());
    }

    static CpuInfo avx512Part() {
        String block = "processor\t: %d\nvendor_id\t: GenuineIntel\ncpu family\t: 6\nmodel\t\t: 143\n"
                + "model name\t: test part\nphysical id\t: 0\ncore id\t\t: %d\ncpu MHz\t\t: 2000.000\n"
                + "flags\t\t: fpu sse2 avx fma avx2 avx512f avx512_vnni avx512_bf16\n\n";
        // Two physical cores with two SMT siblings each: four processors.
        return CpuInfo.parse(String.format(block, 0, 0) + String.format(block, 1, 1) + String.format(block, 2, 0)
                + String.format(block, 3, 1));
    }

    @Test
    void avx512PartUsesPhysicalCoresAndTheCpufreqMaximum() {
        CpuInfo cpu = avx512Part();
        assertEquals(4, cpu.logicalCpus());
        assertEquals(2, cpu.cores());
        IsaPeak.Clock clock = IsaPeak.clock(NODE, 2000.0); // constructed cpufreq: cpuinfo_max_freq 3700000 kHz
        assertEquals(3700.0, clock.mhz(), 1e-9);
        IsaPeak.Report r = IsaPeak.compute(cpu, clock);
        assertEquals(2 * 3.7 * 64, r.gflops("fp32"), 1e-9);       // 2 x 512-bit FMA x 16 lanes x 2
        assertEquals(2 * 3.7 * 128, r.gflops("bf16"), 1e-9);      // vdpbf16ps: twice fp32
        assertEquals(2 * 3.7 * 256, r.gflops("int8"), 1e-9);      // vpdpbusd zmm: 4x fp32
        assertTrue(r.entries().get("fp16").notComputed().contains("no avx512_fp16"));
    }

    @Test
    void unknownClockMeansNotComputed() {
        IsaPeak.Report r = IsaPeak.compute(avx512Part(), null);
        assertNull(r.gflops("fp32"));
        assertTrue(r.entries().get("fp32").notComputed().startsWith("not computed: CPU frequency unknown"));
    }

    @Test
    void cpuMhzIsReadFromTheRecordedCpuinfo() throws Exception {
        assertEquals(2445.406, IsaPeak.cpuinfoMhz(Files.readString(EPYC.resolve("proc/cpuinfo"))), 1e-9);
        assertTrue(Double.isNaN(IsaPeak.cpuinfoMhz("processor : 0\n")));
        assertEquals(2000.0, IsaPeak.clock(EPYC, 2000.0).mhz(), 1e-9, "no cpufreq in the recording: cpuinfo MHz is used");
    }
}
