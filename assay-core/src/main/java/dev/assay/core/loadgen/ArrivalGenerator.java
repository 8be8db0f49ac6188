package dev.assay.core.loadgen;

import dev.assay.api.loadgen.Arrival;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Compiles an {@link Arrival} pattern into the arrival offsets of an open-loop schedule:
 * a deterministic sequence of nanosecond offsets from the schedule's start, fixed by the seed.
 * The same seed gives the same sequence however it is chunked; different rates with the same
 * seed scale the same underlying draws (common random numbers, so the probes of a saturation
 * search differ only in rate).
 *
 * <p>Only {@link SplittableRandom} (a specified algorithm) and {@link StrictMath} are used so the
 * sequence is the same on every JVM and platform.
 */
public final class ArrivalGenerator {
    private final Arrival arrival;
    private final double meanGapNanos;
    private final SplittableRandom random;
    private final double gammaShape;
    private final List<Long> trace;
    private final double traceScale;
    private final long traceFirst;
    private long index;
    private long wholeNanos;
    private double fractionNanos;

    /**
     * @param arrival   the pattern
     * @param targetQps mean rate in queries per second (a trace is time-scaled to this rate)
     * @param seed      schedule seed
     */
    public ArrivalGenerator(Arrival arrival, double targetQps, long seed) {
        if (!(targetQps > 0) || Double.isInfinite(targetQps)) {
            throw new IllegalArgumentException("target rate must be > 0 queries/s, was " + targetQps);
        }
        this.arrival = arrival;
        this.meanGapNanos = 1e9 / targetQps;
        // Decorrelate from the sample-order stream, which also derives from the seed.
        this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.gammaShape = arrival instanceof Arrival.Gamma g ? 1.0 / g.burstiness() : 1.0;
        if (arrival instanceof Arrival.Trace t) {
            this.trace = t.offsetsNanos();
            this.traceFirst = trace.getFirst();
            this.traceScale = naturalRate(t) / targetQps;
        } else {
            this.trace = null;
            this.traceFirst = 0;
            this.traceScale = 1;
        }
    }

    /** Mean rate of a trace in queries per second: (arrivals - 1) / span, or 1/s for a one-arrival trace. */
    public static double naturalRate(Arrival.Trace trace) {
        List<Long> o = trace.offsetsNanos();
        long span = o.getLast() - o.getFirst();
        if (o.size() < 2 || span <= 0) {
            return 1.0;
        }
        return (o.size() - 1) * 1e9 / span;
    }

    /** The offset of the next arrival in nanoseconds from the schedule start, or -1 when a trace is exhausted. */
    public long next() {
        long i = index++;
        switch (arrival) {
            case Arrival.Constant c -> {
                return Math.round(i * meanGapNanos);
            }
            case Arrival.Trace t -> {
                if (i >= trace.size()) {
                    return -1;
                }
                return Math.round((trace.get((int) i) - traceFirst) * traceScale);
            }
            case Arrival.Poisson p -> {
                if (i > 0) {
                    advance(-StrictMath.log1p(-random.nextDouble()) * meanGapNanos);
                }
                return wholeNanos;
            }
            case Arrival.Gamma g -> {
                if (i > 0) {
                    advance(gamma(gammaShape) / gammaShape * meanGapNanos);
                }
                return wholeNanos;
            }
        }
    }

    /** Fills {@code into} from index 0; returns how many offsets were written (fewer only at the end of a trace). */
    public int fill(long[] into, int max) {
        int n = 0;
        while (n < max) {
            long v = next();
            if (v < 0) {
                index--; // stay exhausted
                break;
            }
            into[n++] = v;
        }
        return n;
    }

    /** Whether the pattern is finite (a trace). */
    public boolean finite() {
        return trace != null;
    }

    private void advance(double gapNanos) {
        // Sum whole nanoseconds exactly and carry the fraction, so an hour of tiny gaps does not drift.
        double total = gapNanos + fractionNanos;
        long whole = (long) total;
        wholeNanos += whole;
        fractionNanos = total - whole;
    }

    /** Gamma(shape, 1) by Marsaglia and Tsang; shapes below 1 via the boost G(k) = G(k+1) U^(1/k). */
    private double gamma(double shape) {
        if (shape < 1) {
            double u = random.nextDouble();
            return gamma(shape + 1) * StrictMath.pow(u == 0 ? Double.MIN_VALUE : u, 1.0 / shape);
        }
        double d = shape - 1.0 / 3.0;
        double c = 1.0 / StrictMath.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = normal();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = random.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x) {
                return d * v;
            }
            if (StrictMath.log(u) < 0.5 * x * x + d * (1 - v + StrictMath.log(v))) {
                return d * v;
            }
        }
    }

    private double spareNormal = Double.NaN;

    /** Standard normal by the polar method (deterministic, unlike relying on a JDK's default). */
    private double normal() {
        if (!Double.isNaN(spareNormal)) {
            double s = spareNormal;
            spareNormal = Double.NaN;
            return s;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
        spareNormal = v * f;
        return u * f;
    }
}
