package dev.assay.report.chart;

import java.util.List;
import java.util.Locale;

/**
 * Colours. Each precision keeps one colour across every chart of a report so a reader can
 * follow FP16 from the table to the spectrum to the roofline without a legend hunt.
 */
public final class Palette {
    private static final List<String> CYCLE = List.of("#1f6fb2", "#d9480f", "#2b8a3e", "#862e9c", "#c2255c",
            "#0b7285", "#5c940d", "#e67700");

    private Palette() {
    }

    /** Colour of a precision id. */
    public static String precision(String id) {
        return switch (id.toLowerCase(Locale.ROOT)) {
            case "fp32" -> "#1f6fb2";
            case "tf32" -> "#0b7285";
            case "bf16" -> "#862e9c";
            case "fp16" -> "#d9480f";
            case "fp8" -> "#e67700";
            case "int8" -> "#2b8a3e";
            case "int4" -> "#c2255c";
            default -> "#495057";
        };
    }

    /** The i-th colour of the general cycle. */
    public static String nth(int i) {
        return CYCLE.get(Math.floorMod(i, CYCLE.size()));
    }

    /** Colour of a verdict / bound highlight. */
    public static String accent() {
        return "#c92a2a";
    }
}
