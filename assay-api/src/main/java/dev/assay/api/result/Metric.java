package dev.assay.api.result;

/**
 * A measured quantity. Latency-like metrics carry a distribution; throughput-like ones a
 * value; anything that could not be measured says why instead of inventing a number.
 */
public sealed interface Metric {

    /**
     * A distribution summary (HdrHistogram, 3 significant digits, nearest-rank percentiles).
     * Values are in {@code unit}.
     */
    record Distribution(String unit, double p50, double p90, double p99, double p999, double max, double mean,
                        long count) implements Metric {
        public Distribution {
            if (count < 0) {
                throw new IllegalArgumentException("count must be >= 0, was " + count);
            }
        }
    }

    /** A single value, e.g. throughput in samples/s. */
    record Value(String unit, double value) implements Metric {
    }

    /** A single value with a confidence interval from repeats. */
    record Estimate(String unit, double value, double ciLow, double ciHigh, double confidence, int repeats)
            implements Metric {
    }

    /** Honest absence: "not measured: reason". */
    record NotMeasured(String reason) implements Metric {
        public NotMeasured {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("a missing measurement must say why");
            }
        }
    }
}
