package dev.assay.core.loadgen;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Completion times flowing back to the single issuer of a closed-loop scenario whose system
 * under test completes on its own threads. Multi-producer, single-consumer, bounded by the
 * number of streams (a closed loop never has more completions pending than queries in flight),
 * lock-free; the issuer spins briefly, then parks, and producers unpark it only when it parked.
 */
final class DoneQueue {
    /** Returned by {@link #take} when nothing arrived within the timeout. */
    static final long TIMED_OUT = Long.MIN_VALUE;
    private static final VarHandle SEQ = MethodHandles.arrayElementVarHandle(long[].class);
    private static final long SPIN_NANOS = 20_000;

    private final long[] times;
    private final long[] sequence;
    private final int mask;
    private final AtomicLong tail = new AtomicLong();
    private long head;
    private volatile Thread parked;

    DoneQueue(int maxPending) {
        int capacity = Integer.highestOneBit(Math.max(2, maxPending) * 2 - 1);
        times = new long[capacity];
        sequence = new long[capacity];
        mask = capacity - 1;
    }

    /** Producer side: any thread. */
    void offer(long doneNanos) {
        long pos = tail.getAndIncrement();
        int i = (int) (pos & mask);
        times[i] = doneNanos;
        // Volatile store then volatile load of parked: the StoreLoad order the wake-up handshake needs.
        SEQ.setVolatile(sequence, i, pos + 1);
        Thread waiter = parked;
        if (waiter != null) {
            LockSupport.unpark(waiter);
        }
    }

    /** Consumer side: the issuer. Waits up to {@code timeoutNanos} (real time) for a completion. */
    long take(long timeoutNanos) {
        long v = poll();
        if (v != TIMED_OUT) {
            return v;
        }
        long start = System.nanoTime();
        while (System.nanoTime() - start < SPIN_NANOS) {
            Thread.onSpinWait();
            v = poll();
            if (v != TIMED_OUT) {
                return v;
            }
        }
        Thread me = Thread.currentThread();
        long deadline = start + timeoutNanos;
        while (true) {
            parked = me;
            v = poll(); // re-check after announcing, so an offer in between is not missed
            if (v != TIMED_OUT) {
                parked = null;
                return v;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || me.isInterrupted()) {
                parked = null;
                return TIMED_OUT;
            }
            LockSupport.parkNanos(this, Math.min(left, 10_000_000L));
            parked = null;
            v = poll();
            if (v != TIMED_OUT) {
                return v;
            }
        }
    }

    private long poll() {
        int i = (int) (head & mask);
        if ((long) SEQ.getVolatile(sequence, i) == head + 1) {
            long v = times[i];
            head++;
            return v;
        }
        return TIMED_OUT;
    }
}
