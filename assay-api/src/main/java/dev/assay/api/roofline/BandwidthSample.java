package dev.assay.api.roofline;

/**
 * Best run of one STREAM kernel at one thread count.
 *
 * @param kernel      which kernel
 * @param threads     worker threads
 * @param gbs         bytes (STREAM counting) / best time, in 10^9 bytes per second
 * @param bestSeconds the fastest of the timed repetitions
 * @param bytes       bytes counted per repetition
 */
public record BandwidthSample(StreamKernel kernel, int threads, double gbs, double bestSeconds, long bytes) {
    public BandwidthSample {
        if (kernel == null) {
            throw new IllegalArgumentException("bandwidth sample needs its kernel");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        if (!(gbs > 0) || Double.isInfinite(gbs)) {
            throw new IllegalArgumentException("gbs must be finite and > 0, was " + gbs);
        }
        if (!(bestSeconds > 0)) {
            throw new IllegalArgumentException("bestSeconds must be > 0, was " + bestSeconds);
        }
        if (bytes <= 0) {
            throw new IllegalArgumentException("bytes must be > 0, was " + bytes);
        }
    }
}
