package dev.assay.core.telemetry;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decodes NVML's clock-event (formerly "throttle") reason bitmask
 * ({@code nvmlDeviceGetCurrentClocksEventReasons}); bit values from {@code nvml.h}.
 * {@link #isThrottle(String)} separates reasons that pull clocks down against the workload
 * (power cap, thermal, hardware slowdown, power brake) from benign ones (idle, application or
 * display clock settings, sync boost).
 */
public final class ClockEventReasons {
    private ClockEventReasons() {
    }

    private static final long[] BITS = {0x1L, 0x2L, 0x4L, 0x8L, 0x10L, 0x20L, 0x40L, 0x80L, 0x100L};
    private static final String[] NAMES = {"GpuIdle", "ApplicationsClocksSetting", "SwPowerCap", "HwSlowdown",
            "SyncBoost", "SwThermalSlowdown", "HwThermalSlowdown", "HwPowerBrakeSlowdown", "DisplayClockSetting"};
    private static final Set<String> THROTTLES = Set.of("SwPowerCap", "HwSlowdown", "SwThermalSlowdown",
            "HwThermalSlowdown", "HwPowerBrakeSlowdown");

    /** Names of the set bits in {@code nvml.h} order; unknown bits as {@code Unknown(0x...)}. */
    public static List<String> decode(long mask) {
        List<String> out = new ArrayList<>();
        long known = 0;
        for (int i = 0; i < BITS.length; i++) {
            known |= BITS[i];
            if ((mask & BITS[i]) != 0) {
                out.add(NAMES[i]);
            }
        }
        long unknown = mask & ~known;
        if (unknown != 0) {
            out.add("Unknown(0x" + Long.toHexString(unknown) + ")");
        }
        return out;
    }

    /** True for reasons that mean the clocks were held below what the workload asked for. */
    public static boolean isThrottle(String reason) {
        return THROTTLES.contains(reason) || reason.startsWith("Unknown(");
    }
}
