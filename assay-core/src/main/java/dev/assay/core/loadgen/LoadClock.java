package dev.assay.core.loadgen;

/**
 * The time source of the load generator. Production code uses {@link SystemLoadClock}
 * ({@link System#nanoTime()}); tests substitute a fake clock so latency arithmetic can be
 * checked exactly.
 */
public interface LoadClock {
    /** Monotonic nanoseconds; only differences are meaningful. */
    long nanoTime();

    /**
     * Returns once {@link #nanoTime()} has reached {@code deadlineNanos} (at once when it
     * already has). Returns the time read when it stopped waiting, so the caller can use it
     * as the issue timestamp without paying for another clock read.
     */
    long waitUntil(long deadlineNanos);

    /** Human-readable description for the run's disclosure, e.g. "System.nanoTime". */
    String describe();
}
