package dev.assay.core.suite;

import dev.assay.api.AssayException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints the duration syntax of suites and flags: {@code 250us}, {@code 10ms}, {@code 5s}, {@code 2m}, {@code 1h}. */
public final class Durations {
    private static final Pattern FORM = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s|m|min|h)\\s*");

    private Durations() {
    }

    public static Duration parse(String text, String what) throws AssayException {
        if (text == null) {
            throw AssayException.badInput(what + " is missing (expected e.g. 10ms, 5s, 2m)");
        }
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw AssayException.badInput(what + " '" + text + "' is not a duration (expected e.g. 500us, 10ms, 5s, 2m, 1h)");
        }
        double v = Double.parseDouble(m.group(1));
        double nanos = switch (m.group(2)) {
            case "ns" -> v;
            case "us", "µs" -> v * 1e3;
            case "ms" -> v * 1e6;
            case "s" -> v * 1e9;
            case "m", "min" -> v * 60e9;
            case "h" -> v * 3600e9;
            default -> throw new IllegalStateException("unreachable unit " + m.group(2));
        };
        return Duration.ofNanos(Math.round(nanos));
    }

    /** Short human form: 1.5s, 250ms, 40us. */
    public static String format(Duration d) {
        long n = d.toNanos();
        if (n % 3_600_000_000_000L == 0 && n > 0) {
            return n / 3_600_000_000_000L + "h";
        }
        if (n % 60_000_000_000L == 0 && n > 0) {
            return n / 60_000_000_000L + "m";
        }
        if (n >= 1_000_000_000L) {
            return trim(n / 1e9) + "s";
        }
        if (n >= 1_000_000L) {
            return trim(n / 1e6) + "ms";
        }
        if (n >= 1_000L) {
            return trim(n / 1e3) + "us";
        }
        return n + "ns";
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
