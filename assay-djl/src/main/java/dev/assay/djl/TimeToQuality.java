package dev.assay.djl;

import dev.assay.api.result.Metric;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Scoring of time-to-quality runs: with N >= 3 runs the fastest and the slowest are dropped
 * and the rest averaged (the MLPerf Training convention); with N < 3 nothing is dropped. A
 * run that never reached the target counts as infinitely slow, so one such run can be the
 * dropped slowest; if a kept run failed, no time is reported.
 */
final class TimeToQuality {
    private TimeToQuality() {
    }

    /**
     * The scored result.
     *
     * @param metric   Estimate (seconds) or NotMeasured with the reason
     * @param kept     indexes (into the input list) of the runs averaged
     * @param dropped  indexes of the runs dropped
     * @param interval how the interval in the Estimate was formed
     */
    record Score(Metric metric, List<Integer> kept, List<Integer> dropped, String interval) {
        Score {
            kept = List.copyOf(kept);
            dropped = List.copyOf(dropped);
        }
    }

    /** Scores run times in seconds; an empty value is a run that did not reach the target. */
    static Score score(List<OptionalDouble> runs, double target) {
        int n = runs.size();
        if (n == 0) {
            return new Score(new Metric.NotMeasured("no time-to-quality runs (ttq_runs=0)"), List.of(), List.of(),
                    "none");
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble(i -> runs.get(i).orElse(Double.POSITIVE_INFINITY)));
        List<Integer> dropped = new ArrayList<>();
        List<Integer> kept = new ArrayList<>(order);
        if (n >= 3) {
            dropped.add(kept.removeFirst());
            dropped.add(kept.removeLast());
        }
        long failedKept = kept.stream().filter(i -> runs.get(i).isEmpty()).count();
        if (failedKept > 0) {
            long failed = runs.stream().filter(OptionalDouble::isEmpty).count();
            return new Score(new Metric.NotMeasured("not reached: " + failed + " of " + n
                    + " runs did not reach test accuracy " + target + " within max_epochs"), kept, dropped, "none");
        }
        double[] t = kept.stream().mapToDouble(i -> runs.get(i).getAsDouble()).toArray();
        double mean = 0;
        for (double v : t) {
            mean += v;
        }
        mean /= t.length;
        if (t.length >= 2) {
            double var = 0;
            for (double v : t) {
                var += (v - mean) * (v - mean);
            }
            double half = studentT975(t.length - 1) * Math.sqrt(var / (t.length - 1) / t.length);
            return new Score(new Metric.Estimate("s", mean, mean - half, mean + half, 0.95, n), kept, dropped,
                    "95% Student-t interval of the mean of the kept runs");
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (OptionalDouble r : runs) {
            if (r.isPresent()) {
                lo = Math.min(lo, r.getAsDouble());
                hi = Math.max(hi, r.getAsDouble());
            }
        }
        // One kept run gives no statistical interval; report the spread of all runs that reached the target.
        return new Score(new Metric.Estimate("s", mean, lo, hi, 0, n), kept, dropped,
                "range (fastest..slowest) of the runs that reached the target; no statistical confidence with one kept run");
    }

    /** Two-sided 95% quantile of Student's t for {@code df} degrees of freedom. */
    static double studentT975(int df) {
        double[] table = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179,
            2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052,
            2.048, 2.045, 2.042};
        return df >= 1 && df <= table.length ? table[df - 1] : 1.96;
    }
}
