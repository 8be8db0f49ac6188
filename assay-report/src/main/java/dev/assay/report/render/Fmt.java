package dev.assay.report.render;

import dev.assay.report.model.MetricView;
import dev.assay.report.model.Units;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Number formatting for humans: three significant digits, thousands separators, durations in
 * the unit that keeps them readable (ns, µs, ms, s), locale-independent so golden files are
 * stable on every machine.
 */
public final class Fmt {
    /** What a missing number prints as inside a table cell. */
    public static final String NA = "n/a";

    private Fmt() {
    }

    /** Rounds to {@code digits} significant digits. */
    public static double round(double v, int digits) {
        if (v == 0 || !Double.isFinite(v)) {
            return v;
        }
        return new BigDecimal(v).round(new MathContext(digits, RoundingMode.HALF_EVEN)).doubleValue();
    }

    /** Three significant digits; grouping for large values; scientific below 0.001. */
    public static String num(double v) {
        if (Double.isNaN(v)) {
            return NA;
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "-∞";
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            DecimalFormat f = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
            return f.format(round(v, 3));
        }
        if (a < 0.001) {
            // 4.1e-4 rather than 4.10e-04: short enough for a table cell
            String[] parts = String.format(Locale.ROOT, "%.2e", v).split("e");
            String mant = new BigDecimal(parts[0]).stripTrailingZeros().toPlainString();
            return mant + "e" + Integer.parseInt(parts[1]);
        }
        BigDecimal b = new BigDecimal(v).round(new MathContext(3, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        return b.toPlainString();
    }

    /** A duration given in {@code unit}, shown in the unit that keeps it between 1 and 1000. */
    public static String duration(double value, String unit) {
        double ns = value * Units.nanosPer(unit);
        if (Double.isNaN(ns)) {
            return Double.isNaN(value) ? NA : num(value) + (unit == null || unit.isBlank() ? "" : " " + unit);
        }
        double a = Math.abs(ns);
        if (a == 0) {
            return "0";
        }
        if (a < 1e3) {
            return num(ns) + " ns";
        }
        if (a < 1e6) {
            return num(ns / 1e3) + " µs";
        }
        if (a < 1e9) {
            return num(ns / 1e6) + " ms";
        }
        if (a < 1000e9) {
            return num(ns / 1e9) + " s";
        }
        return num(ns / 60e9) + " min";
    }

    /** A duration in milliseconds. */
    public static String ms(double ms) {
        return duration(ms, "ms");
    }

    /** A value with its unit; time units go through {@link #duration}. */
    public static String withUnit(double v, String unit) {
        if (Units.isTime(unit)) {
            return duration(v, unit);
        }
        if (Double.isNaN(v)) {
            return NA;
        }
        if (unit == null || unit.isBlank()) {
            return num(v);
        }
        if (unit.equals("fraction") || unit.equals("ratio")) {
            return pct(v);
        }
        if (unit.equals("%") || unit.equals("percent")) {
            return num(v) + " %";
        }
        return num(v) + " " + unit;
    }

    /** A fraction as a percentage with three significant digits. */
    public static String pct(double fraction) {
        return Double.isNaN(fraction) ? NA : num(fraction * 100) + " %";
    }

    /** A signed percentage change ("+3.1 %", "-12.0 %"). */
    public static String signedPct(double pct) {
        if (Double.isNaN(pct)) {
            return NA;
        }
        String s = num(Math.abs(pct));
        return (pct > 0 ? "+" : pct < 0 ? "-" : "±") + s + " %";
    }

    /** A multiplicative factor ("1.84×"). */
    public static String factor(double r) {
        return Double.isNaN(r) ? NA : num(r) + "×";
    }

    /** "7,180 ± 130 samples/s": value and half-width of the CI (time units keep their own unit). */
    public static String estimate(MetricView.Est e) {
        double half = (e.ciHigh() - e.ciLow()) / 2;
        if (Units.isTime(e.unit())) {
            return duration(e.value(), e.unit()) + " ± " + duration(half, e.unit());
        }
        String u = e.unit() == null || e.unit().isBlank() ? "" : " " + e.unit();
        if (u.equals(" fraction") || u.equals(" ratio")) {
            return pct(e.value()) + " ± " + pct(half);
        }
        return num(e.value()) + " ± " + num(half) + u;
    }

    /** Bytes in binary units. */
    public static String bytes(double b) {
        if (Double.isNaN(b)) {
            return NA;
        }
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int i = 0;
        double v = b;
        while (Math.abs(v) >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return num(v) + " " + units[i];
    }

    /** Energy in joules with an SI prefix. */
    public static String joules(double j) {
        if (Double.isNaN(j)) {
            return NA;
        }
        double a = Math.abs(j);
        if (a != 0 && a < 1e-3) {
            return num(j * 1e6) + " µJ";
        }
        if (a != 0 && a < 1) {
            return num(j * 1e3) + " mJ";
        }
        if (a >= 1e6) {
            return num(j / 3.6e6) + " kWh";
        }
        return num(j) + " J";
    }

    /** Any metric in one line: "not measured: reason" for honest absence. */
    public static String metric(MetricView m) {
        return switch (m) {
            case MetricView.Dist d -> "p50 " + withUnit(d.p50(), d.unit()) + ", p99 " + withUnit(d.p99(), d.unit())
                    + (d.count() > 0 ? " (n=" + num(d.count()) + ")" : "");
            case MetricView.Val v -> withUnit(v.value(), v.unit());
            case MetricView.Est e -> withUnit(e.value(), e.unit()) + " [" + withUnit(e.ciLow(), e.unit()) + ", "
                    + withUnit(e.ciHigh(), e.unit()) + "] " + num(e.confidence() * 100) + " % CI"
                    + (e.repeats() > 0 ? ", " + e.repeats() + " runs" : "");
            case MetricView.Missing x -> "not measured: " + x.reason();
        };
    }

    /** Short throughput-style rendering: value and unit, or "not measured: reason". */
    public static String scalar(MetricView m) {
        return switch (m) {
            case MetricView.Val v -> withUnit(v.value(), v.unit());
            case MetricView.Est e -> estimate(e);
            case MetricView.Dist d -> "p50 " + withUnit(d.p50(), d.unit());
            case MetricView.Missing x -> "not measured: " + x.reason();
        };
    }
}
