package dev.assay.api.roofline;

/**
 * ServiceLoader entry point of a memory-bandwidth measurement (STREAM-like kernels over arrays
 * of at least 4x the last-level cache). Cheap to construct; all work happens in {@link #measure}.
 * Register in {@code META-INF/services/dev.assay.api.roofline.BandwidthProbe}.
 */
public interface BandwidthProbe {
    /** Stable id, e.g. {@code stream-vector}. */
    String name();

    /**
     * Runs copy, scale, add and triad.
     *
     * @param effort     quick: the given thread count only, few repetitions; full: 1..maxThreads, more repetitions
     * @param maxThreads highest thread count to run
     * @throws IllegalStateException when the kernels cannot run (e.g. memory cannot be allocated)
     */
    BandwidthReport measure(Effort effort, int maxThreads);
}
