package dev.assay.core.loadgen;

import dev.assay.api.AssayException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses human durations such as {@code 30s}, {@code 10ms}, {@code 500us}, {@code 1.5m}:
 * a positive decimal number followed by ns, us, ms, s, m or h. Used by CLI flags and
 * service-time laws so every duration reads the same way.
 */
public final class Durations {
    private static final Pattern FORM = Pattern.compile("([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)\\s*(ns|us|µs|ms|s|m|min|h)");

    private Durations() {
    }

    /**
     * Parses {@code text}; {@code what} names the value in the error message (e.g. "--duration").
     *
     * @throws AssayException BAD_INPUT with a one-line message when the text is not a duration
     */
    public static Duration parse(String what, String text) throws AssayException {
        if (text == null) {
            throw AssayException.badInput(what + ": missing duration (e.g. 30s, 10ms, 500us)");
        }
        Matcher m = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw AssayException.badInput(what + ": '" + text + "' is not a duration (use a number with ns, us, ms, s, m or h, e.g. 30s, 10ms, 500us)");
        }
        double value = Double.parseDouble(m.group(1));
        double nanosPerUnit = switch (m.group(2)) {
            case "ns" -> 1;
            case "us", "µs" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m", "min" -> 60e9;
            case "h" -> 3600e9;
            default -> throw new IllegalStateException("unit " + m.group(2));
        };
        double nanos = value * nanosPerUnit;
        if (nanos > 1e18) {
            throw AssayException.badInput(what + ": '" + text + "' is too long (at most about 30 years)");
        }
        return Duration.ofNanos(Math.round(nanos));
    }

    /** Short human form, e.g. {@code 1.5 ms}. */
    public static String format(Duration d) {
        long ns = d.toNanos();
        if (ns >= 1_000_000_000L) {
            return trim(ns / 1e9) + " s";
        }
        if (ns >= 1_000_000L) {
            return trim(ns / 1e6) + " ms";
        }
        if (ns >= 1_000L) {
            return trim(ns / 1e3) + " us";
        }
        return ns + " ns";
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.3f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
