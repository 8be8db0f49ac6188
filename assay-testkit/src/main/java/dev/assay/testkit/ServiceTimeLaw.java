package dev.assay.testkit;

import dev.assay.api.AssayException;
import dev.assay.core.loadgen.Durations;
import java.time.Duration;
import java.util.Locale;

/**
 * The service-time law of a synthetic system under test, as written on the command line:
 * {@code det:500us} (every sample takes exactly 500 us), {@code exp:2ms} (exponential with mean
 * 2 ms) or {@code null} (no work: the null system under test).
 */
public sealed interface ServiceTimeLaw {
    /** The spec as parsed, e.g. {@code exp:2ms}. */
    String id();

    /** Mean service time of one sample in nanoseconds. */
    double meanNanos();

    /** The service time for uniform variate {@code u} in [0, 1) (inverse CDF). */
    long sampleNanos(double u);

    /** Fixed service time. */
    record Deterministic(long nanos) implements ServiceTimeLaw {
        public Deterministic {
            if (nanos < 0) {
                throw new IllegalArgumentException("service time must be >= 0 ns, was " + nanos);
            }
        }

        public String id() {
            return "det:" + Durations.format(Duration.ofNanos(nanos)).replace(" ", "");
        }

        public double meanNanos() {
            return nanos;
        }

        public long sampleNanos(double u) {
            return nanos;
        }
    }

    /** Exponential service time with mean {@code nanos} (memoryless: an M/M/k queue under Poisson arrivals). */
    record Exponential(long nanos) implements ServiceTimeLaw {
        public Exponential {
            if (nanos <= 0) {
                throw new IllegalArgumentException("mean service time must be > 0 ns, was " + nanos);
            }
        }

        public String id() {
            return "exp:" + Durations.format(Duration.ofNanos(nanos)).replace(" ", "");
        }

        public double meanNanos() {
            return nanos;
        }

        public long sampleNanos(double u) {
            return Math.round(-nanos * StrictMath.log1p(-u));
        }
    }

    /** No work at all: the backend uses the null system under test. */
    record None() implements ServiceTimeLaw {
        public String id() {
            return "null";
        }

        public double meanNanos() {
            return 0;
        }

        public long sampleNanos(double u) {
            return 0;
        }
    }

    /**
     * Parses {@code det:DURATION}, {@code exp:DURATION} or {@code null}; BAD_INPUT with a one-line
     * message otherwise.
     */
    static ServiceTimeLaw parse(String spec) throws AssayException {
        String usage = "use det:DURATION, exp:DURATION (e.g. exp:2ms, det:500us) or null";
        if (spec == null || spec.isBlank()) {
            throw AssayException.badInput("--service: missing service-time law (" + usage + ")");
        }
        String s = spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals("null") || s.equals("none")) {
            return new None();
        }
        int colon = s.indexOf(':');
        if (colon < 0) {
            throw AssayException.badInput("--service: unknown service-time law '" + spec + "' (" + usage + ")");
        }
        String kind = s.substring(0, colon);
        Duration d = Durations.parse("--service " + kind, s.substring(colon + 1));
        return switch (kind) {
            case "det", "deterministic" -> new Deterministic(d.toNanos());
            case "exp", "exponential" -> {
                if (d.isZero()) {
                    throw AssayException.badInput("--service: exponential mean must be > 0 (e.g. exp:1ms)");
                }
                yield new Exponential(d.toNanos());
            }
            default -> throw AssayException.badInput("--service: unknown service-time law '" + kind + "' in '" + spec + "' (" + usage + ")");
        };
    }
}
