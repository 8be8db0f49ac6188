package dev.assay.core.loadgen;

import dev.assay.api.loadgen.Scenario;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Effective settings of one load-generator run, resolved from CLI &gt; suite file &gt; defaults.
 *
 * @param scenario       issue rule
 * @param minDuration    the measured window lasts at least this long
 * @param maxDuration    hard stop for the measured window (must be >= minDuration)
 * @param minQueries     the measured window holds at least this many queries
 * @param warmup         untimed warm-up before the measured window (excluded, reported)
 * @param latencyBound   latency bound for the validity verdict and early stopping, or null for none
 * @param percentile     target percentile for the bound and early stopping, e.g. 0.99
 * @param seed           seed of the schedule (arrival times and sample order)
 * @param maxIssueLag    issue lag above which the run is INVALID because the generator fell behind
 * @param hlog           where to write interval histograms (.hlog), or null for none
 */
public record TestSettings(Scenario scenario, Duration minDuration, Duration maxDuration, long minQueries,
                           Duration warmup, Duration latencyBound, double percentile, long seed,
                           Duration maxIssueLag, Path hlog) {
    public TestSettings {
        if (minDuration.isNegative()) {
            throw new IllegalArgumentException("minimum duration must be >= 0, was " + minDuration);
        }
        if (maxDuration.compareTo(minDuration) < 0) {
            throw new IllegalArgumentException("maximum duration " + maxDuration + " is below the minimum " + minDuration);
        }
        if (minQueries < 1) {
            throw new IllegalArgumentException("minimum query count must be >= 1, was " + minQueries);
        }
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("warm-up must be >= 0, was " + warmup);
        }
        if (!(percentile > 0 && percentile < 1)) {
            throw new IllegalArgumentException("percentile must be in (0, 1), was " + percentile);
        }
        if (latencyBound != null && (latencyBound.isNegative() || latencyBound.isZero())) {
            throw new IllegalArgumentException("latency bound must be > 0, was " + latencyBound);
        }
    }

    /** Same settings with another scenario (used by the saturation search). */
    public TestSettings withScenario(Scenario other) {
        return new TestSettings(other, minDuration, maxDuration, minQueries, warmup, latencyBound, percentile, seed,
                maxIssueLag, hlog);
    }

    /** Same settings writing interval histograms elsewhere. */
    public TestSettings withHlog(Path other) {
        return new TestSettings(scenario, minDuration, maxDuration, minQueries, warmup, latencyBound, percentile, seed,
                maxIssueLag, other);
    }
}
