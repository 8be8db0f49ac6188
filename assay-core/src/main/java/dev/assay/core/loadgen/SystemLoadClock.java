package dev.assay.core.loadgen;

import java.util.concurrent.locks.LockSupport;

/**
 * {@link System#nanoTime()} with a precise wait: it parks until {@code spinNanos} before the
 * deadline and spins for the rest. Parking alone wakes 50-100 us late on Linux (timer slack
 * plus wake-up latency), which would show up as issue lag at every query; spinning alone
 * would burn a core through long gaps.
 */
public final class SystemLoadClock implements LoadClock {
    /** Default spin window: covers the usual park overshoot with margin. */
    public static final long DEFAULT_SPIN_NANOS = 100_000;

    /** The clock with the default spin window. */
    public static final SystemLoadClock INSTANCE = new SystemLoadClock(DEFAULT_SPIN_NANOS);

    private final long spinNanos;

    public SystemLoadClock(long spinNanos) {
        if (spinNanos < 0) {
            throw new IllegalArgumentException("spin window must be >= 0 ns, was " + spinNanos);
        }
        this.spinNanos = spinNanos;
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public long waitUntil(long deadlineNanos) {
        long now = System.nanoTime();
        long remaining = deadlineNanos - now;
        while (remaining > spinNanos) {
            LockSupport.parkNanos(remaining - spinNanos);
            now = System.nanoTime();
            remaining = deadlineNanos - now;
        }
        while (remaining > 0) {
            Thread.onSpinWait();
            now = System.nanoTime();
            remaining = deadlineNanos - now;
        }
        return now;
    }

    /** Waits precisely with the default spin window (used by synthetic systems under test too). */
    public static long preciseWaitUntil(long deadlineNanos) {
        return INSTANCE.waitUntil(deadlineNanos);
    }

    @Override
    public String describe() {
        return "System.nanoTime (park, then spin the last " + spinNanos / 1000 + " us)";
    }
}
