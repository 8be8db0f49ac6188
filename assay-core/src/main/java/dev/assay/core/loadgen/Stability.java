package dev.assay.core.loadgen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;

/**
 * Steady-state check over fixed windows of the measured period: the last {@value #COMPARED}
 * complete windows must agree on throughput within the tolerance, and on p99 latency within the
 * tolerance plus a sampling allowance (a window's p99 from a few thousand queries is itself
 * uncertain by several per cent, so a fixed tolerance alone would flag healthy runs). The
 * allowance is the relative half-width of the 99% order-statistic confidence interval of each
 * window's p99 (ranks n p &plusmn; 2.58 sqrt(n p (1-p))), which assumes independent latencies and
 * so is generous only for lightly loaded queues. Memory: one window histogram plus one small
 * summary per window.
 */
final class Stability {
    static final int COMPARED = 3;
    private static final double Z99 = 2.576;

    private final long measureStart;
    private final long windowNanos;
    private final double tolerance;
    private final List<Window> windows = new ArrayList<>();
    private final Histogram current = newHistogram();
    private long currentIndex = 0;
    private long currentSamples;
    private long currentQueries;

    Stability(long measureStart, long windowNanos, double tolerance) {
        this.measureStart = measureStart;
        this.windowNanos = windowNanos;
        this.tolerance = tolerance;
    }

    /** Adds one collected interval (its latency histogram and completed queries) ending at {@code endNanos}. */
    void add(long startNanos, long endNanos, AbstractHistogram latency, long queries, int samplesPerQuery) {
        if (endNanos <= measureStart) {
            return;
        }
        long mid = Math.max(measureStart, startNanos) / 2 + endNanos / 2;
        long index = Math.floorDiv(mid - measureStart, windowNanos);
        while (index > currentIndex) {
            closeCurrent();
        }
        current.add(latency);
        currentQueries += queries;
        currentSamples += queries * samplesPerQuery;
    }

    private void closeCurrent() {
        double seconds = windowNanos / 1e9;
        double p99 = current.getTotalCount() == 0 ? Double.NaN : current.getValueAtPercentile(99.0) / 1e6;
        double halfWidth = p99HalfWidth(current);
        windows.add(new Window(currentIndex * seconds, seconds, currentQueries, currentSamples / seconds, p99, halfWidth));
        current.reset();
        currentQueries = 0;
        currentSamples = 0;
        currentIndex++;
    }

    /** The verdict over complete windows ending by {@code measuredEnd}; the window in progress is dropped. */
    Verdict judge(long measuredEnd) {
        long complete = Math.floorDiv(measuredEnd - measureStart, windowNanos);
        while (currentIndex < complete) {
            closeCurrent();
        }
        List<Window> done = windows.stream().filter(w -> w.queries() > 0).toList();
        if (done.size() < COMPARED) {
            return new Verdict("not judged", windows, tolerance, Double.NaN, Double.NaN, Double.NaN,
                    "fewer than " + COMPARED + " complete " + (windowNanos / 1e9) + " s windows with completions");
        }
        List<Window> last = done.subList(done.size() - COMPARED, done.size());
        double tSpread = spread(last.stream().mapToDouble(Window::throughput).toArray());
        double pSpread = spread(last.stream().mapToDouble(Window::p99Ms).toArray());
        double allowance = last.stream().mapToDouble(Window::p99RelativeHalfWidth).max().orElse(0);
        boolean tOk = tSpread <= tolerance;
        boolean pOk = !Double.isNaN(pSpread) && pSpread <= tolerance + 2 * allowance;
        String why = (tOk ? "" : String.format("throughput of the last %d windows spreads %.1f%% (tolerance %.1f%%)",
                COMPARED, tSpread * 100, tolerance * 100))
                + (tOk || pOk ? "" : "; ")
                + (pOk ? "" : String.format("p99 of the last %d windows spreads %.1f%% (tolerance %.1f%% + sampling allowance %.1f%%)",
                COMPARED, pSpread * 100, tolerance * 100, 2 * allowance * 100));
        return new Verdict(tOk && pOk ? "stable" : "unstable", windows, tolerance, tSpread, pSpread, allowance, why);
    }

    /** (max - min) / mean. */
    private static double spread(double[] v) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        double sum = 0;
        for (double x : v) {
            min = Math.min(min, x);
            max = Math.max(max, x);
            sum += x;
        }
        double mean = sum / v.length;
        return mean == 0 ? 0 : (max - min) / mean;
    }

    private static double p99HalfWidth(AbstractHistogram h) {
        long n = h.getTotalCount();
        if (n == 0) {
            return Double.NaN;
        }
        double center = 0.99 * n;
        double delta = Z99 * Math.sqrt(n * 0.99 * 0.01);
        double lo = h.getValueAtPercentile(Math.max(0, (center - delta) / n * 100));
        double hi = h.getValueAtPercentile(Math.min(100, (center + delta) / n * 100));
        double mid = h.getValueAtPercentile(99.0);
        return mid == 0 ? 0 : Math.max(hi - mid, mid - lo) / mid;
    }

    static Histogram newHistogram() {
        Histogram h = new Histogram(1, Recording.INITIAL_HIGHEST_NANOS, 3);
        h.setAutoResize(true);
        return h;
    }

    /** One window's summary. */
    record Window(double startS, double lengthS, long queries, double throughput, double p99Ms,
                  double p99RelativeHalfWidth) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("start_s", startS);
            m.put("length_s", lengthS);
            m.put("queries", queries);
            m.put("throughput_samples_per_s", throughput);
            m.put("p99_ms", Double.isNaN(p99Ms) ? null : p99Ms);
            return m;
        }
    }

    /** The verdict and its evidence. */
    record Verdict(String verdict, List<Window> windows, double tolerance, double throughputSpread,
                   double p99Spread, double p99Allowance, String reason) {
        Verdict {
            windows = List.copyOf(windows);
        }

        boolean unstable() {
            return verdict.equals("unstable");
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("verdict", verdict);
            m.put("reason", reason.isEmpty() ? null : reason);
            m.put("compared_windows", COMPARED);
            m.put("tolerance", tolerance);
            m.put("throughput_spread", Double.isNaN(throughputSpread) ? null : throughputSpread);
            m.put("p99_spread", Double.isNaN(p99Spread) ? null : p99Spread);
            m.put("p99_sampling_allowance", Double.isNaN(p99Allowance) ? null : 2 * p99Allowance);
            m.put("windows", windows.stream().map(Window::toMap).toList());
            return m;
        }
    }
}
