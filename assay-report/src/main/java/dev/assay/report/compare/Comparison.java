package dev.assay.report.compare;

import java.util.List;

/**
 * The outcome of {@code assay compare}. Run 0 is the baseline; every other run is compared
 * with it.
 *
 * @param runs          the runs, baseline first
 * @param executors     executor differences of each other run against the baseline
 * @param pairs         comparable result pairs with their deltas
 * @param notComparable results that could not be paired, each with the reason
 * @param rankings      executor rankings, training and inference separately
 * @param regressions   significant regressions over the threshold
 * @param thresholdPct  --fail-on-regression threshold, NaN when not gating
 */
public record Comparison(List<RunRef> runs, List<ExecutorDiff> executors, List<Pair> pairs,
                         List<NotComparable> notComparable, List<Ranking> rankings, List<Regression> regressions,
                         double thresholdPct) {
    public Comparison {
        runs = List.copyOf(runs);
        executors = List.copyOf(executors);
        pairs = List.copyOf(pairs);
        notComparable = List.copyOf(notComparable);
        rankings = List.copyOf(rankings);
        regressions = List.copyOf(regressions);
    }

    /** CLI exit code: 1 when gating found a significant regression over the threshold, else 0. */
    public int exitCode() {
        return !Double.isNaN(thresholdPct) && !regressions.isEmpty() ? 1 : 0;
    }

    /**
     * A compared run.
     *
     * @param label       "A", "B", ...
     * @param dir         run directory as given
     * @param suite       suite name
     * @param fingerprint executor fingerprint
     * @param executor    one-line executor summary
     */
    public record RunRef(String label, String dir, String suite, String fingerprint, String executor) {
    }

    /**
     * Executor differences of one run against the baseline.
     *
     * @param run             index of the run
     * @param sameFingerprint fingerprints equal (and non-empty)
     * @param differences     differing specification fields ("path: a vs b")
     * @param truncated       how many further differences were left out
     */
    public record ExecutorDiff(int run, boolean sameFingerprint, List<String> differences, int truncated) {
        public ExecutorDiff {
            differences = List.copyOf(differences);
        }
    }

    /**
     * Two comparable results and their deltas.
     *
     * @param label  result label (baseline side)
     * @param run    index of the compared run (the other side is run 0)
     * @param key    the baseline result's key
     * @param gated  both VALID: used for rankings and regression gating
     * @param notes  caveats (executor/backend difference, run-length settings, INVALID side)
     * @param deltas metric deltas
     */
    public record Pair(String label, int run, ResultKey key, boolean gated, List<String> notes, List<Delta> deltas) {
        public Pair {
            notes = List.copyOf(notes);
            deltas = List.copyOf(deltas);
        }
    }

    /**
     * One metric compared.
     *
     * @param metric      metric name
     * @param stat        "value" or a percentile ("p99")
     * @param unit        unit of a and b
     * @param a           baseline value
     * @param b           compared value
     * @param deltaPct    (b / a - 1) x 100
     * @param ciLowPct    lower bound of the delta's CI in percent, NaN when none
     * @param ciHighPct   upper bound, NaN when none
     * @param confidence  joint confidence of the delta's CI, NaN when none
     * @param ciNote      how the CI was obtained, or why there is none
     * @param direction   which way is better
     * @param significant the CI excludes zero
     * @param verdict     "better", "worse", "no significant change", "no CI: ...", "changed (direction unknown)"
     */
    public record Delta(String metric, String stat, String unit, double a, double b, double deltaPct, double ciLowPct,
                        double ciHighPct, double confidence, String ciNote, Direction direction, boolean significant,
                        String verdict) {
        /** "latency p99" or "throughput". */
        public String name() {
            return stat.equals("value") ? metric : metric + " " + stat;
        }

        /** A significant change in the worse direction. */
        public boolean worse() {
            return significant && (direction == Direction.HIGHER_IS_BETTER ? deltaPct < 0
                    : direction == Direction.LOWER_IS_BETTER && deltaPct > 0);
        }
    }

    /**
     * A result that could not be paired.
     *
     * @param label   its label
     * @param run     index of the run it belongs to
     * @param partner the closest result of the other run, empty when none
     * @param reasons why they are not comparable
     */
    public record NotComparable(String label, int run, String partner, List<String> reasons) {
        public NotComparable {
            reasons = List.copyOf(reasons);
        }
    }

    /**
     * An executor ranking for one phase and metric.
     *
     * @param phase   "inference" or "training"
     * @param title   what is ranked ("throughput", "p99 latency"...)
     * @param better  "higher" or "lower" (of the score)
     * @param entries ranked runs, best first
     * @param results how many results present in every run the ranking uses
     * @param note    caveat, or why there is no ranking
     */
    public record Ranking(String phase, String title, String better, List<Entry> entries, int results, String note) {
        public Ranking {
            entries = List.copyOf(entries);
        }

        /**
         * One ranked run.
         *
         * @param run   run index
         * @param score geometric mean of the ratio to the baseline over the shared results
         */
        public record Entry(int run, double score) {
        }
    }

    /**
     * A significant regression over the threshold.
     *
     * @param pair  the pair's label
     * @param run   the compared run
     * @param delta the delta
     */
    public record Regression(String pair, int run, Delta delta) {
    }
}
