package dev.assay.report.model;

import java.util.Locale;

/** Time-unit arithmetic for metrics whose unit is a string in run.json ("ns", "us", "µs", "ms", "s"). */
public final class Units {
    private Units() {
    }

    /** Nanoseconds per one {@code unit}, or NaN when {@code unit} is not a time unit. */
    public static double nanosPer(String unit) {
        if (unit == null) {
            return Double.NaN;
        }
        return switch (unit.trim().toLowerCase(Locale.ROOT)) {
            case "ns", "nanos", "nanoseconds" -> 1;
            case "us", "µs", "μs", "micros", "microseconds" -> 1e3;
            case "ms", "millis", "milliseconds" -> 1e6;
            case "s", "sec", "seconds" -> 1e9;
            case "min", "minutes" -> 60e9;
            default -> Double.NaN;
        };
    }

    /** Whether {@code unit} names a time unit. */
    public static boolean isTime(String unit) {
        return !Double.isNaN(nanosPer(unit));
    }

    /** Converts {@code value} in {@code unit} to milliseconds (NaN when not a time unit). */
    public static double toMillis(double value, String unit) {
        return value * nanosPer(unit) / 1e6;
    }
}
