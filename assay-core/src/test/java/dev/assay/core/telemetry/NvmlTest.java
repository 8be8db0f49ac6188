package dev.assay.core.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.api.backend.Availability;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * NVML binding error paths and the pure clock-event decoding. No GPU was available while this
 * was written, so the success path is exercised only where a GPU is present (not in this suite).
 */
class NvmlTest {
    @Test
    void absentLibraryGivesAReasonNotACrash() {
        Nvml.Unavailable e = assertThrows(Nvml.Unavailable.class, () -> Nvml.open("libnvidia-ml-absent-assay-test.so.1"));
        assertTrue(e.getMessage().startsWith("NVML: libnvidia-ml-absent-assay-test.so.1 not found"), e.getMessage());
    }

    @Test
    void aLibraryWithoutNvmlSymbolsIsRejectedByName() {
        // libc loads fine but is not NVML: the binding must say which symbol is missing.
        Nvml.Unavailable e = assertThrows(Nvml.Unavailable.class, () -> Nvml.open("libc.so.6"));
        assertTrue(e.getMessage().contains("symbol nvmlInit_v2 missing in libc.so.6"), e.getMessage());
    }

    @Test
    void samplerReportsTheReason() {
        NvmlSampler sampler = new NvmlSampler("libnvidia-ml-absent-assay-test.so.1");
        Availability.Unavailable u = assertInstanceOf(Availability.Unavailable.class, sampler.availability());
        assertTrue(u.reason().startsWith("NVML: "), u.reason());
        assertEquals(Boundary.GPU_BOARD, sampler.boundary());
        assertEquals(Tier.ENERGY_COUNTER, sampler.tier());
    }

    @Test
    void clockEventReasonsDecodeInHeaderOrder() {
        assertEquals(List.of(), ClockEventReasons.decode(0));
        assertEquals(List.of("GpuIdle", "SwPowerCap", "HwThermalSlowdown"), ClockEventReasons.decode(0x1 | 0x4 | 0x40));
        assertEquals(List.of("ApplicationsClocksSetting", "HwSlowdown", "SyncBoost", "SwThermalSlowdown",
                "HwPowerBrakeSlowdown", "DisplayClockSetting"), ClockEventReasons.decode(0x2 | 0x8 | 0x10 | 0x20 | 0x80 | 0x100));
        assertEquals(List.of("SwPowerCap", "Unknown(0x1000)"), ClockEventReasons.decode(0x1004));
    }

    @Test
    void onlyClockLoweringReasonsCountAsThrottling() {
        assertTrue(ClockEventReasons.isThrottle("SwPowerCap"));
        assertTrue(ClockEventReasons.isThrottle("HwThermalSlowdown"));
        assertTrue(ClockEventReasons.isThrottle("HwPowerBrakeSlowdown"));
        assertFalse(ClockEventReasons.isThrottle("GpuIdle"));
        assertFalse(ClockEventReasons.isThrottle("ApplicationsClocksSetting"));
        assertFalse(ClockEventReasons.isThrottle("SyncBoost"));
    }
}
