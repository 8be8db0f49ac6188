package dev.assay.core.loadgen;

import dev.assay.api.loadgen.ResponseSink;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The in-flight table and completion path of one run; it is the {@link ResponseSink} the
 * system under test reports to.
 *
 * <p>Queries live in a power-of-two ring of slots indexed by {@code id & mask}: primitive arrays
 * allocated once, so memory does not grow with the number of queries. A slot's owner word is
 * claimed by CAS, stamped with the scheduled and issue times, then published with a release
 * store of the query id; a completion checks the id (unknown or repeated completions are counted
 * as protocol errors, never recorded), reads the stamps and frees the slot by CAS, so every query
 * is recorded exactly once. The completion time is read from the generator's clock the moment the
 * sink is called: a system under test never supplies timestamps.
 */
final class RunState implements ResponseSink {
    static final long FREE = -1;
    static final long CLAIMED = -2;
    private static final VarHandle OWNER = MethodHandles.arrayElementVarHandle(long[].class);

    final LoadClock clock;
    final int capacity;
    private final int mask;
    private final long[] owner;
    private final long[] scheduled;
    private final long[] issued;
    final long boundNanos;

    /** Queries scheduled before this instant are warm-up. Written before any measured query is published. */
    volatile long measureStart = Long.MAX_VALUE;
    /** Set once the drain ended: later completions are counted, not recorded. */
    volatile boolean closed;

    private final ThreadLocal<Recording> recordings;
    final List<Recording> allRecordings = new CopyOnWriteArrayList<>();
    final LongAdder protocolErrors = new LongAdder();
    final LongAdder lateCompletions = new LongAdder();
    final LongAdder warmFailures = new LongAdder();
    final AtomicReference<String> firstFailure = new AtomicReference<>();
    final AtomicReference<String> firstProtocolError = new AtomicReference<>();
    private final LongAdder slotWaits = new LongAdder();
    /** Failed queries so far (warm-up and measured): lets the issuer give up on a SUT that fails everything. */
    final LongAdder failures = new LongAdder();
    /** Whether any query completed successfully yet. */
    volatile boolean anyCompleted;

    RunState(LoadClock clock, int capacity, long boundNanos) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("in-flight capacity must be a power of two, was " + capacity);
        }
        this.clock = clock;
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.owner = new long[capacity];
        java.util.Arrays.fill(owner, FREE);
        this.scheduled = new long[capacity];
        this.issued = new long[capacity];
        this.boundNanos = boundNanos;
        this.recordings = ThreadLocal.withInitial(() -> {
            Recording r = new Recording();
            allRecordings.add(r);
            return r;
        });
    }

    /** Smallest power of two >= n, within [min, max]. */
    static int ringSize(long n, int min, int max) {
        long clamped = Math.max(min, Math.min(max, n));
        return Integer.highestOneBit((int) (clamped * 2 - 1));
    }

    /**
     * Claims the slot of query {@code id}. Returns true when it had to wait because the query
     * {@code capacity} ids earlier was still outstanding (the caller then re-reads the clock).
     */
    boolean claim(long id) {
        int slot = (int) (id & mask);
        if (OWNER.compareAndSet(owner, slot, FREE, CLAIMED)) {
            return false;
        }
        slotWaits.increment();
        int spins = 0;
        while (!OWNER.compareAndSet(owner, slot, FREE, CLAIMED)) {
            if (++spins < 1000) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(20_000);
            }
        }
        return true;
    }

    /** Stamps and publishes a claimed slot; the query may be handed to the SUT after this. */
    void publish(long id, long scheduledNanos, long issuedNanos) {
        int slot = (int) (id & mask);
        scheduled[slot] = scheduledNanos;
        issued[slot] = issuedNanos;
        OWNER.setRelease(owner, slot, id);
    }

    /** Whether query {@code id} was published and has not completed yet. */
    boolean outstanding(long id) {
        return (long) OWNER.getAcquire(owner, (int) (id & mask)) == id;
    }

    long slotWaits() {
        return slotWaits.sum();
    }

    @Override
    public void complete(long queryId) {
        finish(queryId, clock.nanoTime(), null);
    }

    @Override
    public void fail(long queryId, String reason) {
        finish(queryId, clock.nanoTime(), reason == null || reason.isBlank() ? "no reason given" : reason);
    }

    /**
     * Records a completion or failure stamped {@code done}. Returns false when the id was not in
     * flight (unknown, repeated, or after the run closed).
     */
    boolean finish(long id, long done, String failure) {
        if (id < 0) {
            protocolError("completion for negative query id " + id);
            return false;
        }
        int slot = (int) (id & mask);
        if ((long) OWNER.getAcquire(owner, slot) != id) {
            protocolError("completion for query " + id + " which is not in flight (never issued, or completed twice)");
            return false;
        }
        long sched = scheduled[slot];
        long iss = issued[slot];
        if (!OWNER.compareAndSet(owner, slot, id, FREE)) {
            protocolError("query " + id + " completed twice concurrently");
            return false;
        }
        if (closed) {
            lateCompletions.increment();
            return false;
        }
        boolean measured = sched >= measureStart;
        Recording r = recordings.get();
        if (failure == null) {
            r.complete(sched, iss, done, measured, boundNanos);
            if (!anyCompleted) {
                anyCompleted = true;
            }
        } else {
            failures.increment();
            r.fail(done, measured);
            if (!measured) {
                warmFailures.increment();
            }
            firstFailure.compareAndSet(null, "query " + id + ": " + failure);
        }
        return true;
    }

    private void protocolError(String what) {
        protocolErrors.increment();
        firstProtocolError.compareAndSet(null, what);
    }
}
