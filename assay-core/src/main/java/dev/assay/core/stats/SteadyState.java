package dev.assay.core.stats;

import java.util.Arrays;

/**
 * Steady-state verdict on a series of throughput windows (e.g. completions per 1 s window).
 * The run is steady when the coefficient of variation of the last {@code k} windows is at or
 * below the tolerance. Warm-up is the windows before the longest steady tail: the smallest
 * index from which every run of {@code k} consecutive windows is within tolerance. Sustained
 * throughput is the mean over that tail; peak is the best single window, reported separately.
 *
 * @param steady            the last {@code k} windows agree within the tolerance
 * @param warmupWindows     windows before the steady tail (the whole series when not steady)
 * @param windows           windows examined
 * @param k                 windows per coefficient-of-variation check
 * @param tolerance         CV bound used
 * @param lastCv            CV of the last {@code k} windows (NaN with fewer than {@code k} windows)
 * @param sustained         mean of the steady tail, or NaN when not steady
 * @param peakWindow        highest single window
 * @param reason            why it is not steady, or null
 */
public record SteadyState(boolean steady, int warmupWindows, int windows, int k, double tolerance, double lastCv,
                          double sustained, double peakWindow, String reason) {
    /** Windows per check when not given: five, enough to see a trend, few enough for short runs. */
    public static final int DEFAULT_K = 5;

    /** {@link #detect(double[], double, int)} with k = {@value #DEFAULT_K}. */
    public static SteadyState detect(double[] windowThroughputs, double tolerance) {
        return detect(windowThroughputs, tolerance, DEFAULT_K);
    }

    /**
     * Detects steady state.
     *
     * @param windowThroughputs throughput per window, in time order, all finite and >= 0
     * @param tolerance         CV bound, e.g. 0.05 for 5%
     * @param k                 windows per check, >= 2
     */
    public static SteadyState detect(double[] windowThroughputs, double tolerance, int k) {
        if (k < 2) {
            throw new IllegalArgumentException("k must be >= 2, was " + k);
        }
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("tolerance must be > 0, was " + tolerance);
        }
        double[] w = windowThroughputs;
        for (int i = 0; i < w.length; i++) {
            if (!Double.isFinite(w[i]) || w[i] < 0) {
                throw new IllegalArgumentException("window " + i + " throughput must be finite and >= 0, was " + w[i]);
            }
        }
        int n = w.length;
        double peak = n == 0 ? Double.NaN : Arrays.stream(w).max().orElseThrow();
        if (n < k) {
            return new SteadyState(false, n, n, k, tolerance, Double.NaN, Double.NaN, peak,
                    "not steady: " + n + " window(s), need >= " + k);
        }
        double lastCv = Repeats.coefficientOfVariation(Arrays.copyOfRange(w, n - k, n));
        if (lastCv > tolerance) {
            return new SteadyState(false, n, n, k, tolerance, lastCv, Double.NaN, peak, String.format(java.util.Locale.ROOT,
                    "not steady: CV of the last %d windows is %.3f > tolerance %.3f", k, lastCv, tolerance));
        }
        int start = n - k;
        while (start > 0 && Repeats.coefficientOfVariation(Arrays.copyOfRange(w, start - 1, start - 1 + k)) <= tolerance) {
            start--;
        }
        double sustained = Repeats.mean(Arrays.copyOfRange(w, start, n));
        return new SteadyState(true, start, n, k, tolerance, lastCv, sustained, peak, null);
    }
}
