package dev.assay.report.compare;

import dev.assay.report.hlog.LatencyLog;
import dev.assay.report.model.Facts;
import dev.assay.report.model.MetricView;
import dev.assay.report.model.ResultView;
import dev.assay.report.model.RunView;
import dev.assay.report.model.Units;
import java.util.Locale;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * Confidence intervals of single values, from the data a run holds, never invented:
 * <ul>
 * <li>an Estimate carries its own CI from repeats;</li>
 * <li>a latency percentile gets a distribution-free order-statistic interval: with n samples,
 *     the number below the true q-quantile is Binomial(n, q), so ranks l..u bracketing
 *     n·q ± z·sqrt(n·q·(1-q)) cover it with the stated confidence (normal approximation). The
 *     values at those ranks come from the .hlog; without one, from the neighbouring summary
 *     percentiles, which gives a wider but still conservative bracket;</li>
 * <li>anything else has no CI ("single run").</li>
 * </ul>
 * The interval captures sampling noise within the run, not run-to-run variation; only repeats
 * capture that.
 */
public final class Intervals {
    /** Per-value confidence used for percentile intervals, so the difference of two holds at >= 95 % (Bonferroni). */
    public static final double PER_SIDE = 0.975;
    private static final double Z_PER_SIDE = 2.241402727604947; // two-sided 97.5 %: Phi^-1(1 - 0.0125)

    private static final double[] SUMMARY_Q = {0.5, 0.9, 0.99, 0.999, 1.0};
    private static final String[] SUMMARY_STAT = {"p50", "p90", "p99", "p999", "max"};

    // .hlog files are read once per comparison, however many stats ask for them.
    private final java.util.Map<java.nio.file.Path, LatencyLog> logs = new java.util.HashMap<>();

    /** A calculator with its own .hlog cache (one per comparison). */
    public Intervals() {
    }

    private LatencyLog log(Facts.HlogRef ref) {
        return logs.computeIfAbsent(ref.file(), f -> LatencyLog.read(ref));
    }

    /**
     * A CI or the reason there is none.
     *
     * @param interval the interval, when there is one
     * @param reason   why not, when there is none
     */
    public record Ci(Optional<Interval> interval, String reason) {
        static Ci of(Interval i) {
            return new Ci(Optional.of(i), "");
        }

        static Ci none(String why) {
            return new Ci(Optional.empty(), why);
        }
    }

    /** Quantile of a stat name ("p99" → 0.99), NaN for others. */
    public static double quantile(String stat) {
        return switch (stat) {
            case "p50" -> 0.5;
            case "p90" -> 0.9;
            case "p99" -> 0.99;
            case "p999" -> 0.999;
            default -> Double.NaN;
        };
    }

    /** CI of {@code stat} of metric {@code name} of result {@code r} in {@code run}, in the metric's unit. */
    public Ci of(RunView run, ResultView r, String name, MetricView m, String stat) {
        return switch (m) {
            case MetricView.Est e -> e.confidence() > 0 && e.confidence() < 1 && e.ciLow() <= e.ciHigh()
                    ? Ci.of(new Interval(e.ciLow(), e.ciHigh(), e.confidence(), e.repeats() + " repeats"))
                    : Ci.none("unusable CI in run.json");
            case MetricView.Dist d -> percentile(run, r, name, d, stat);
            case MetricView.Val v -> Ci.none("single run");
            case MetricView.Missing x -> Ci.none("not measured");
        };
    }

    private Ci percentile(RunView run, ResultView r, String name, MetricView.Dist d, String stat) {
        double q = quantile(stat);
        if (Double.isNaN(q)) {
            return Ci.none("no CI for " + stat);
        }
        Optional<Histogram> hist = histogram(run, r, name);
        long n = hist.map(Histogram::getTotalCount).orElse(d.count());
        if (n <= 0) {
            return Ci.none("sample count unknown");
        }
        double sd = Math.sqrt(n * q * (1 - q));
        long lo = (long) Math.floor(n * q - Z_PER_SIDE * sd);
        long hi = (long) Math.ceil(n * q + Z_PER_SIDE * sd) + 1;
        if (lo < 1 || hi > n) {
            return Ci.none("too few samples (" + n + ") for a CI of " + stat);
        }
        if (hist.isPresent()) {
            Facts.HlogRef ref = hlogRef(run, r, name).orElseThrow();
            double scale = Units.nanosPer(ref.unit()) / Units.nanosPer(d.unit());
            if (Double.isNaN(scale)) {
                return Ci.none(".hlog unit and metric unit are not both time units");
            }
            double low = LatencyLog.valueAtFraction(hist.get(), (double) lo / n) * scale;
            double high = LatencyLog.valueAtFraction(hist.get(), (double) hi / n) * scale;
            return Ci.of(new Interval(Math.min(low, high), Math.max(low, high), PER_SIDE,
                    "order statistics from .hlog, n=" + n));
        }
        // Without raw data: the true quantile lies between the summary percentiles that bracket ranks lo..hi.
        double fl = (double) lo / n;
        double fu = (double) hi / n;
        double low = Double.NaN;
        double high = Double.NaN;
        for (int i = 0; i < SUMMARY_Q.length; i++) {
            double v = d.stat(SUMMARY_STAT[i]);
            if (Double.isNaN(v)) {
                continue;
            }
            if (SUMMARY_Q[i] <= fl) {
                low = v;
            }
            if (SUMMARY_Q[i] >= fu && Double.isNaN(high)) {
                high = v;
            }
        }
        if (Double.isNaN(low) || Double.isNaN(high) || low > high) {
            return Ci.none("no .hlog and the summary percentiles cannot bracket " + stat);
        }
        return Ci.of(new Interval(low, high, PER_SIDE, "bracket from summary percentiles (conservative, no .hlog)"));
    }

    private Optional<Facts.HlogRef> hlogRef(RunView run, ResultView r, String name) {
        return Facts.hlogs(run, r).stream().filter(h -> log(h).tag(tagOf(name)).isPresent()).findFirst();
    }

    private Optional<Histogram> histogram(RunView run, ResultView r, String name) {
        for (Facts.HlogRef ref : Facts.hlogs(run, r)) {
            Optional<Histogram> h = log(ref).tag(tagOf(name));
            if (h.isPresent() && h.get().getTotalCount() > 0) {
                return h;
            }
        }
        return Optional.empty();
    }

    private static String tagOf(String metric) {
        String m = metric.toLowerCase(Locale.ROOT);
        if (m.contains("service")) {
            return "service_time";
        }
        if (m.contains("lag")) {
            return "issue_lag";
        }
        return LatencyLog.LATENCY;
    }
}
