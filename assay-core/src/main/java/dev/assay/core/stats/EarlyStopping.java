package dev.assay.core.stats;

/**
 * MLPerf Inference's early-stopping rule (binomial test). With target percentile {@code p},
 * confidence {@code c} and tolerance {@code d}, {@code t} queries over the latency bound need
 * at least {@code h(t)} queries within it, where {@code h(t)} is the smallest h such that
 * I<sub>p-d</sub>(h, t+1) &lt;= 1 - c (I = regularised incomplete beta). Equivalently: among
 * {@code n = h + t} queries, the probability that a system whose true p-quantile is exactly the
 * bound produces at most {@code t} over-bound queries is at most 1 - c.
 *
 * <ul>
 *   <li>Server: a run is valid only if it issued at least h(t) + t queries.</li>
 *   <li>Single-/multi-stream: from q queries take the largest t with h(t) + t &lt;= q and report
 *       the t-th largest latency as the conservative percentile estimate. At least one over-bound
 *       rank is needed, so the minimum query count is h(1) + 1 (p90: 64, p99: 662, p99.9: 6636).</li>
 * </ul>
 */
public final class EarlyStopping {
    /** MLPerf's confidence. */
    public static final double DEFAULT_CONFIDENCE = 0.99;
    /** MLPerf's tolerance. */
    public static final double DEFAULT_TOLERANCE = 0.0;

    /** Below this many over-bound queries the binomial tail is summed term by term (exact). */
    static final long EXACT_SUM_LIMIT = 5000;

    private final double p;
    private final double confidence;

    /**
     * @param percentile target percentile p in (0, 1)
     * @param confidence confidence c in (0, 1)
     * @param tolerance  tolerance d in [0, p)
     */
    public EarlyStopping(double percentile, double confidence, double tolerance) {
        if (!(percentile > 0 && percentile < 1)) {
            throw new IllegalArgumentException("percentile must be in (0, 1), was " + percentile);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), was " + confidence);
        }
        if (!(tolerance >= 0 && tolerance < percentile)) {
            throw new IllegalArgumentException("tolerance must be in [0, percentile), was " + tolerance);
        }
        this.p = percentile - tolerance;
        this.confidence = confidence;
    }

    /** The rule with MLPerf's confidence 0.99 and tolerance 0. */
    public static EarlyStopping forPercentile(double percentile) {
        return new EarlyStopping(percentile, DEFAULT_CONFIDENCE, DEFAULT_TOLERANCE);
    }

    /** h(t): the fewest within-bound queries that make {@code t} over-bound ones acceptable. */
    public long h(long t) {
        if (t < 0) {
            throw new IllegalArgumentException("over-bound count must be >= 0, was " + t);
        }
        // Exponential bracket, then bisection; the tail probability falls as h grows.
        long lo = 0;
        long hi = Math.max(1, (long) Math.ceil((t + 1) * p / (1 - p)));
        while (!accepts(hi, t)) {
            lo = hi;
            hi = Math.multiplyExact(hi, 2);
        }
        while (hi - lo > 1) {
            long mid = lo + (hi - lo) / 2;
            if (accepts(mid, t)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    /** Queries a server run needs when {@code t} of them were over the bound: h(t) + t. */
    public long requiredQueries(long t) {
        return h(t) + t;
    }

    /** Minimum queries for a single-/multi-stream estimate: h(1) + 1. */
    public long minimumQueries() {
        return requiredQueries(1);
    }

    /**
     * For a closed-loop run of {@code q} queries: the largest t with h(t) + t &lt;= q, i.e. the rank
     * from the top whose latency is the conservative percentile estimate; 0 when q is below
     * {@link #minimumQueries()} (no estimate).
     */
    public long estimateRank(long q) {
        if (q < minimumQueries()) {
            return 0;
        }
        long lo = 1; // requiredQueries(lo) <= q holds
        long hi = 2;
        while (hi <= q && requiredQueries(hi) <= q) {
            lo = hi;
            hi *= 2;
        }
        hi = Math.min(hi, q + 1);
        while (hi - lo > 1) {
            long mid = lo + (hi - lo) / 2;
            if (requiredQueries(mid) <= q) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Whether h within-bound queries with t over the bound satisfy I_p(h, t+1) <= 1 - c. */
    private boolean accepts(long h, long t) {
        if (h == 0) {
            return false;
        }
        return upperTail(h, t) <= 1 - confidence;
    }

    /** I_p(h, t+1) = P(Binomial(h + t, p) >= h) = P(at most t failures in h + t trials). */
    double upperTail(long h, long t) {
        if (t <= EXACT_SUM_LIMIT) {
            return atMostFailures(h + t, t, 1 - p);
        }
        return Beta.regularizedIncomplete(p, h, t + 1);
    }

    /** P(X <= t) for X ~ Binomial(n, q), summed term by term in log space. */
    static double atMostFailures(long n, long t, double q) {
        double logQ = Math.log(q);
        double logP = Math.log1p(-q);
        double term = n * logP; // k = 0
        double max = term;
        double sum = 1.0; // sum of exp(term_k - max)
        for (long k = 0; k < t; k++) {
            term += Math.log((double) (n - k)) - Math.log((double) (k + 1)) + logQ - logP;
            if (term > max) {
                sum = sum * Math.exp(max - term) + 1.0;
                max = term;
            } else {
                sum += Math.exp(term - max);
            }
        }
        return Math.min(1.0, Math.exp(max + Math.log(sum)));
    }
}
