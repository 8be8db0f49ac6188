package dev.assay.djl;

import dev.assay.api.result.Metric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Step-time statistics over the measured (post-warm-up) steps: the distribution, throughput
 * over the window, and a steady-state verdict from the throughput of consecutive windows.
 */
final class StepStats {
    /** Windows the measured steps are cut into for the steady-state check. */
    static final int WINDOWS = 4;

    private final long[] nanos;

    StepStats(long[] stepNanos) {
        if (stepNanos.length == 0) {
            throw new IllegalArgumentException("need at least one measured step");
        }
        this.nanos = stepNanos.clone();
    }

    int count() {
        return nanos.length;
    }

    /** Sum of the measured step times in seconds. */
    double totalSeconds() {
        long sum = 0;
        for (long n : nanos) {
            sum += n;
        }
        return sum / 1e9;
    }

    /** Mean step time in seconds (exact, not from the histogram). */
    double meanSeconds() {
        return totalSeconds() / nanos.length;
    }

    /** Step-time distribution in ms (HdrHistogram, 3 significant digits, nearest-rank-style percentiles). */
    Metric.Distribution distribution() {
        Histogram h = new Histogram(3);
        for (long n : nanos) {
            h.recordValue(Math.max(1, n));
        }
        return new Metric.Distribution("ms", ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)),
                ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()),
                h.getMean() / 1e6, h.getTotalCount());
    }

    /** Items (samples or tokens) per second over the whole measured window. */
    double rate(long itemsPerStep) {
        return itemsPerStep * (double) nanos.length / totalSeconds();
    }

    /**
     * Rates of {@link #WINDOWS} consecutive windows (fewer when there are fewer steps), each
     * from the window's median step time: the check is about drift (throttling, warm-up not
     * over), and a median keeps one stray slow step from deciding it. Throughput itself is
     * reported from the mean ({@link #rate}).
     */
    List<Double> windowRates(long itemsPerStep) {
        int windows = Math.min(WINDOWS, nanos.length);
        List<Double> rates = new ArrayList<>();
        for (int w = 0; w < windows; w++) {
            int from = w * nanos.length / windows;
            int to = (w + 1) * nanos.length / windows;
            long[] window = java.util.Arrays.copyOfRange(nanos, from, to);
            java.util.Arrays.sort(window);
            double median = window.length % 2 == 1 ? window[window.length / 2]
                    : (window[window.length / 2 - 1] + window[window.length / 2]) / 2.0;
            rates.add(itemsPerStep / (median / 1e9));
        }
        return rates;
    }

    /** Coefficient of variation of the window rates (0 when fewer than two windows). */
    static double coefficientOfVariation(List<Double> values) {
        if (values.size() < 2) {
            return 0;
        }
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double var = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / (values.size() - 1);
        return mean == 0 ? 0 : Math.sqrt(var) / mean;
    }

    /** Disclosure of the steady-state evaluation. */
    Map<String, Object> steadyState(long itemsPerStep, double tolerance) {
        List<Double> rates = windowRates(itemsPerStep);
        double cv = coefficientOfVariation(rates);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("windows", rates.size());
        m.put("window_rates", rates);
        m.put("cv", cv);
        m.put("tolerance", tolerance);
        m.put("steady", cv <= tolerance);
        return m;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
