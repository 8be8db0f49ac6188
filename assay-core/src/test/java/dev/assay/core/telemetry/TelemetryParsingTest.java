package dev.assay.core.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.api.backend.Availability;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /proc/stat, cpufreq, cpuinfo and hwmon parsing against the fixture trees (see their READMEs). */
class TelemetryParsingTest {
    @TempDir
    Path root;

    @Test
    void procStatUtilisationFromTwoRecordedSnapshots() throws IOException {
        Fixtures.copy(Fixtures.RECORDED_EPYC.resolve("proc/stat.0"), root.resolve("proc/stat"));
        try (TelemetrySampler.Session s = new ProcStatSampler(root).open()) {
            Fixtures.copy(Fixtures.RECORDED_EPYC.resolve("proc/stat.1"), root.resolve("proc/stat"));
            Map<String, Double> ch = s.sample().channels();
            // 101 busy of 200 jiffies (user +100, softirq +1, idle +99): see the fixture README.
            assertEquals(50.5, ch.get("cpu_util_pct"), 1e-9);
            assertEquals(0.0, ch.get("cpu_steal_pct"), 1e-12);
            // No time passed between two identical reads: no utilisation is claimed.
            assertTrue(s.sample().channels().isEmpty());
        }
    }

    @Test
    void procStatWithoutAggregateLineIsAnError() {
        assertThrows(IOException.class, () -> ProcStatSampler.Jiffies.parse("cpu0 1 2 3 4\nintr 5\n"));
    }

    @Test
    void cpufreqGivesMeanMinMaxInMhz() throws IOException {
        CpuFrequencySampler sampler = new CpuFrequencySampler(Fixtures.CONSTRUCTED_NODE);
        try (TelemetrySampler.Session s = sampler.open()) {
            Map<String, Double> ch = s.sample().channels();
            assertEquals(3175.0, ch.get("cpu_freq_mhz"), 1e-9);
            assertEquals(2200.0, ch.get("cpu_freq_mhz_min"), 1e-9);
            assertEquals(3600.0, ch.get("cpu_freq_mhz_max"), 1e-9);
            assertTrue(s.source().contains("scaling_cur_freq of 4 CPU(s)"), s.source());
        }
    }

    @Test
    void withoutCpufreqTheRecordedCpuinfoMhzIsUsedAndSaidSo() throws IOException {
        try (TelemetrySampler.Session s = new CpuFrequencySampler(Fixtures.RECORDED_EPYC).open()) {
            Map<String, Double> ch = s.sample().channels();
            assertEquals(2445.406, ch.get("cpu_freq_mhz"), 1e-9);
            assertTrue(s.source().contains("cpu MHz"), s.source());
        }
    }

    @Test
    void noFrequencySourceIsUnavailableWithReason() {
        Availability a = new CpuFrequencySampler(root).availability();
        Availability.Unavailable u = assertInstanceOf(Availability.Unavailable.class, a);
        assertTrue(u.reason().contains("no cpufreq"), u.reason());
    }

    @Test
    void hwmonChannelsUseChipAndLabelAndReportTheHottest() throws IOException {
        HwmonSampler sampler = new HwmonSampler(Fixtures.CONSTRUCTED_NODE);
        assertTrue(sampler.availability().available());
        try (TelemetrySampler.Session s = sampler.open()) {
            Map<String, Double> ch = s.sample().channels();
            assertEquals(45.125, ch.get("temp_c:k10temp/Tctl"), 1e-9);
            assertEquals(41.0, ch.get("temp_c:k10temp/Tccd1"), 1e-9);
            assertEquals(38.85, ch.get("temp_c:nvme/Composite"), 1e-9);
            assertEquals(40.85, ch.get("temp_c:nvme/temp2"), 1e-9, "unlabelled input is named after its file");
            assertEquals(45.125, ch.get("temp_c_max"), 1e-9);
        }
    }

    @Test
    void noHwmonIsUnavailable() {
        assertFalse(new HwmonSampler(root).availability().available());
        assertThrows(IOException.class, () -> new HwmonSampler(root).open());
    }

    @Test
    void accessDeniedReadsAsPermissionDenied() {
        assertEquals("permission denied", SysFiles.why(new AccessDeniedException("/sys/class/powercap/intel-rapl:0/energy_uj")));
    }

    @Test
    void naturalOrderPutsCpu2BeforeCpu10() {
        assertTrue(SysFiles.naturalCompare("cpu2", "cpu10") < 0);
        assertTrue(SysFiles.naturalCompare("hwmon10", "hwmon9") > 0);
        assertEquals(0, SysFiles.naturalCompare("intel-rapl:0", "intel-rapl:0"));
    }
}
