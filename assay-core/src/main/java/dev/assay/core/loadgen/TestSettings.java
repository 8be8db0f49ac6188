package dev.assay.core.loadgen;

import dev.assay.api.loadgen.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Effective settings of one load-generator run, resolved from CLI &gt; suite file &gt; defaults.
 *
 * @param scenario           issue rule
 * @param minDuration        the measured window lasts at least this long
 * @param maxDuration        hard stop for the measured window (must be >= minDuration)
 * @param minQueries         the measured window holds at least this many queries
 * @param warmup             untimed warm-up before the measured window (excluded, reported)
 * @param latencyBound       latency bound for the validity verdict and early stopping, or null for none
 * @param percentile         target percentile for the bound and early stopping, e.g. 0.99
 * @param seed               seed of the schedule (arrival times and sample order)
 * @param maxIssueLag        issue lag (at the 99th percentile) above which the run is INVALID because
 *                           the generator fell behind, or null to leave it unchecked (a warning says so)
 * @param hlog               where to write interval histograms (.hlog), or null for none
 * @param issueThreads       threads that call a synchronous system under test in open-loop and offline
 *                           scenarios; this is that SUT's serving concurrency. 0 = one per available CPU
 * @param stabilityTolerance how far (relative) the last measured windows' throughput may spread before
 *                           the run is flagged unstable; p99 gets this plus its own sampling allowance
 * @param drainTimeout       how long to wait after the last issue for outstanding queries to complete
 */
public record TestSettings(Scenario scenario, Duration minDuration, Duration maxDuration, long minQueries,
                           Duration warmup, Duration latencyBound, double percentile, long seed,
                           Duration maxIssueLag, Path hlog, int issueThreads, double stabilityTolerance,
                           Duration drainTimeout) {
    /** Default tolerance of the stability flag. */
    public static final double DEFAULT_STABILITY_TOLERANCE = 0.10;
    /** Default drain timeout. */
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(60);
    /** Default issue-lag bound (p99): a generator later than this is not measuring the SUT any more. */
    public static final Duration DEFAULT_MAX_ISSUE_LAG = Duration.ofMillis(1);

    public TestSettings {
        if (scenario == null) {
            throw new IllegalArgumentException("a scenario is required");
        }
        if (minDuration == null || minDuration.isNegative()) {
            throw new IllegalArgumentException("minimum duration must be >= 0, was " + minDuration);
        }
        if (maxDuration == null || maxDuration.compareTo(minDuration) < 0) {
            throw new IllegalArgumentException("maximum duration " + maxDuration + " is below the minimum " + minDuration);
        }
        if (minQueries < 1) {
            throw new IllegalArgumentException("minimum query count must be >= 1, was " + minQueries);
        }
        if (warmup == null || warmup.isNegative()) {
            throw new IllegalArgumentException("warm-up must be >= 0, was " + warmup);
        }
        if (!(percentile > 0 && percentile < 1)) {
            throw new IllegalArgumentException("percentile must be in (0, 1), was " + percentile);
        }
        if (latencyBound != null && (latencyBound.isNegative() || latencyBound.isZero())) {
            throw new IllegalArgumentException("latency bound must be > 0, was " + latencyBound);
        }
        if (maxIssueLag != null && (maxIssueLag.isNegative() || maxIssueLag.isZero())) {
            throw new IllegalArgumentException("issue-lag bound must be > 0, was " + maxIssueLag);
        }
        if (issueThreads < 0 || issueThreads > 4096) {
            throw new IllegalArgumentException("issue threads must be in [0, 4096] (0 = one per CPU), was " + issueThreads);
        }
        if (!(stabilityTolerance > 0) || Double.isInfinite(stabilityTolerance)) {
            throw new IllegalArgumentException("stability tolerance must be > 0, was " + stabilityTolerance);
        }
        if (drainTimeout == null || drainTimeout.isNegative()) {
            throw new IllegalArgumentException("drain timeout must be >= 0, was " + drainTimeout);
        }
    }

    /** The original ten-component form; the newer knobs take their defaults. */
    public TestSettings(Scenario scenario, Duration minDuration, Duration maxDuration, long minQueries,
                        Duration warmup, Duration latencyBound, double percentile, long seed,
                        Duration maxIssueLag, Path hlog) {
        this(scenario, minDuration, maxDuration, minQueries, warmup, latencyBound, percentile, seed, maxIssueLag,
                hlog, 0, DEFAULT_STABILITY_TOLERANCE, DEFAULT_DRAIN_TIMEOUT);
    }

    /**
     * Settings for a run of about {@code duration}: measured window at least {@code duration}
     * (at most twice that, to reach the minimum query count), warm-up of a tenth of it capped at
     * 2 s, no latency bound, p90 for single-stream and p99 otherwise, seed 1, issue-lag bound 1 ms.
     */
    public static TestSettings of(Scenario scenario, Duration duration) {
        Duration warm = duration.dividedBy(10);
        if (warm.compareTo(Duration.ofSeconds(2)) > 0) {
            warm = Duration.ofSeconds(2);
        }
        double pct = scenario instanceof Scenario.SingleStream ? 0.90 : 0.99;
        return new TestSettings(scenario, duration, duration.multipliedBy(2), 1, warm, null, pct, 1,
                DEFAULT_MAX_ISSUE_LAG, null);
    }

    /** Same settings with another scenario (used by the saturation search). */
    public TestSettings withScenario(Scenario other) {
        return new TestSettings(other, minDuration, maxDuration, minQueries, warmup, latencyBound, percentile, seed,
                maxIssueLag, hlog, issueThreads, stabilityTolerance, drainTimeout);
    }

    /** Same settings writing interval histograms elsewhere. */
    public TestSettings withHlog(Path other) {
        return new TestSettings(scenario, minDuration, maxDuration, minQueries, warmup, latencyBound, percentile, seed,
                maxIssueLag, other, issueThreads, stabilityTolerance, drainTimeout);
    }

    /** Same settings with a latency bound at the given percentile. */
    public TestSettings withLatencyBound(Duration bound, double atPercentile) {
        return new TestSettings(scenario, minDuration, maxDuration, minQueries, warmup, bound, atPercentile, seed,
                maxIssueLag, hlog, issueThreads, stabilityTolerance, drainTimeout);
    }

    /** Same settings with other durations. */
    public TestSettings withDurations(Duration warm, Duration min, Duration max) {
        return new TestSettings(scenario, min, max, minQueries, warm, latencyBound, percentile, seed,
                maxIssueLag, hlog, issueThreads, stabilityTolerance, drainTimeout);
    }

    /** Same settings with another minimum query count. */
    public TestSettings withMinQueries(long min) {
        return new TestSettings(scenario, minDuration, maxDuration, min, warmup, latencyBound, percentile, seed,
                maxIssueLag, hlog, issueThreads, stabilityTolerance, drainTimeout);
    }

    /** Same settings with another seed. */
    public TestSettings withSeed(long other) {
        return new TestSettings(scenario, minDuration, maxDuration, minQueries, warmup, latencyBound, percentile, other,
                maxIssueLag, hlog, issueThreads, stabilityTolerance, drainTimeout);
    }

    /** Same settings with another issue-lag bound (null: unchecked). */
    public TestSettings withMaxIssueLag(Duration bound) {
        return new TestSettings(scenario, minDuration, maxDuration, minQueries, warmup, latencyBound, percentile, seed,
                bound, hlog, issueThreads, stabilityTolerance, drainTimeout);
    }

    /** Same settings with another issue-thread count for synchronous systems under test. */
    public TestSettings withIssueThreads(int threads) {
        return new TestSettings(scenario, minDuration, maxDuration, minQueries, warmup, latencyBound, percentile, seed,
                maxIssueLag, hlog, threads, stabilityTolerance, drainTimeout);
    }

    /** Same settings with another stability tolerance and drain timeout. */
    public TestSettings withStability(double tolerance, Duration drain) {
        return new TestSettings(scenario, minDuration, maxDuration, minQueries, warmup, latencyBound, percentile, seed,
                maxIssueLag, hlog, issueThreads, tolerance, drain);
    }

    /** The settings as a JSON-friendly map (durations in seconds), for run.json's effective settings. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", scenario.id());
        m.putAll(Scenarios.parameters(scenario));
        m.put("min_duration_s", seconds(minDuration));
        m.put("max_duration_s", seconds(maxDuration));
        m.put("min_queries", minQueries);
        m.put("warmup_s", seconds(warmup));
        m.put("latency_bound_ms", latencyBound == null ? null : latencyBound.toNanos() / 1e6);
        m.put("percentile", percentile);
        m.put("seed", seed);
        m.put("max_issue_lag_ms", maxIssueLag == null ? null : maxIssueLag.toNanos() / 1e6);
        m.put("hlog", hlog == null ? null : hlog.toString());
        m.put("issue_threads", issueThreads);
        m.put("stability_tolerance", stabilityTolerance);
        m.put("drain_timeout_s", seconds(drainTimeout));
        return m;
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
