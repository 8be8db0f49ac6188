package dev.assay.core.suite;

/**
 * Settings a suite applies to all its entries unless an entry or the CLI overrides them.
 * Durations are strings such as {@code 5s}, {@code 500ms}, {@code 2m}; null means "use the
 * built-in default".
 *
 * @param duration     minimum measured duration per scenario run
 * @param maxDuration  hard stop per scenario run
 * @param warmup       warm-up before each measured window
 * @param minQueries   minimum queries in the measured window
 * @param latencyBound latency bound for verdicts (e.g. {@code 10ms}), or null
 * @param percentile   percentile the bound applies to, e.g. 0.99
 * @param seed         seed for schedules, weights and inputs
 * @param repeats      repeats of each configuration (confidence intervals need >= 3)
 */
public record RunDefaults(String duration, String maxDuration, String warmup, Long minQueries, String latencyBound,
                          Double percentile, Long seed, Integer repeats) {
    /** No defaults declared. */
    public static final RunDefaults EMPTY = new RunDefaults(null, null, null, null, null, null, null, null);
}
