package dev.assay.testkit;

import dev.assay.core.loadgen.LoadClock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that only moves when told to, so latency arithmetic can be checked exactly. Waiting
 * jumps the clock to the deadline, plus an optional overshoot that simulates a generator that
 * wakes late; fake systems under test advance it by their service time
 * ({@link FakeClockSut}).
 */
public final class FakeClock implements LoadClock {
    private final AtomicLong now;
    private volatile long waitOvershootNanos;

    public FakeClock(long startNanos) {
        this.now = new AtomicLong(startNanos);
    }

    /** Moves time forward. */
    public void advance(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("time only moves forward; advance by " + nanos + " ns");
        }
        now.addAndGet(nanos);
    }

    /** Every wait that has to wait ends this much after its deadline. */
    public void setWaitOvershoot(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("overshoot must be >= 0 ns, was " + nanos);
        }
        this.waitOvershootNanos = nanos;
    }

    @Override
    public long nanoTime() {
        return now.get();
    }

    @Override
    public long waitUntil(long deadlineNanos) {
        long overshoot = waitOvershootNanos;
        return now.updateAndGet(t -> t >= deadlineNanos ? t : deadlineNanos + overshoot);
    }

    @Override
    public String describe() {
        return "fake clock (tests)";
    }
}
