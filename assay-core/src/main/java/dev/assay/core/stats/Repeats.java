package dev.assay.core.stats;

import dev.assay.api.result.Metric;
import java.util.Arrays;

/**
 * Summaries of repeated measurements of one quantity (e.g. throughput of N repeated runs).
 * The mean gets a two-sided 95% confidence interval from Student's t with n - 1 degrees of
 * freedom: mean +/- t(0.975, n-1) x s / sqrt(n). This assumes the repeats are independent and
 * roughly normal; with few repeats the interval is wide, which is the honest answer.
 * Peak (best of N) is a separate number and never replaces the mean.
 */
public final class Repeats {
    /** Confidence level of {@link #summarise(double[], String)}. */
    public static final double CONFIDENCE = 0.95;

    private Repeats() {
    }

    /**
     * Mean of the repeats with its 95% t-interval.
     *
     * @param values one value per repeat, at least 2, all finite
     * @param unit   unit of the values
     * @throws IllegalArgumentException with fewer than 2 values (no interval exists) or a non-finite value
     */
    public static Metric.Estimate summarise(double[] values, String unit) {
        return summarise(values, unit, CONFIDENCE);
    }

    /** As {@link #summarise(double[], String)} at another confidence level in (0, 1). */
    public static Metric.Estimate summarise(double[] values, String unit, double confidence) {
        check(values);
        if (values.length < 2) {
            throw new IllegalArgumentException("a confidence interval needs >= 2 repeats, got " + values.length);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), was " + confidence);
        }
        int n = values.length;
        double mean = mean(values);
        double sd = stddev(values, mean);
        double half = StudentT.quantile(1 - (1 - confidence) / 2, n - 1) * sd / Math.sqrt(n);
        return new Metric.Estimate(unit, mean, mean - half, mean + half, confidence, n);
    }

    /**
     * Like {@link #summarise(double[], String)}, but a single repeat gives an honest
     * {@link Metric.NotMeasured} instead of an exception.
     */
    public static Metric summariseOrExplain(double[] values, String unit) {
        if (values.length < 2) {
            return new Metric.NotMeasured("confidence interval: needs >= 2 repeats, got " + values.length);
        }
        return summarise(values, unit);
    }

    /** Peak: the best of N, where best is the highest (throughput-like) value. */
    public static Metric.Value peak(double[] values, String unit) {
        check(values);
        return new Metric.Value(unit, Arrays.stream(values).max().orElseThrow());
    }

    /** Best of N where lower is better (latency-like). */
    public static Metric.Value best(double[] values, String unit) {
        check(values);
        return new Metric.Value(unit, Arrays.stream(values).min().orElseThrow());
    }

    /** Coefficient of variation: sample standard deviation / mean (0 for a single value). */
    public static double coefficientOfVariation(double[] values) {
        check(values);
        double mean = mean(values);
        return values.length < 2 || mean == 0 ? 0 : stddev(values, mean) / Math.abs(mean);
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** Sample standard deviation (n - 1). */
    static double stddev(double[] v, double mean) {
        if (v.length < 2) {
            return 0;
        }
        double s = 0;
        for (double x : v) {
            s += (x - mean) * (x - mean);
        }
        return Math.sqrt(s / (v.length - 1));
    }

    private static void check(double[] values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("need at least one value");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("value " + i + " is not finite: " + values[i]);
            }
        }
    }
}
