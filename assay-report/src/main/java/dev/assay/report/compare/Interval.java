package dev.assay.report.compare;

/**
 * A confidence interval for one measured value.
 *
 * @param low        lower bound, in the metric's unit
 * @param high       upper bound
 * @param confidence coverage (e.g. 0.95)
 * @param method     how it was obtained, for the reader
 */
public record Interval(double low, double high, double confidence, String method) {
    public Interval {
        if (!(low <= high)) {
            throw new IllegalArgumentException("interval low must be <= high, was [" + low + ", " + high + "]");
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), was " + confidence);
        }
    }
}
