package dev.assay.kernels;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.function.IntConsumer;

/**
 * A fixed set of platform threads that run one task together, for timed parallel kernels.
 * Threads are created once and reused, so thread start-up never lands inside a timed region;
 * each worker stamps its own start and end, and the elapsed time of a round is last end minus
 * first start (the time the whole gang needed, as STREAM measures around its parallel loop).
 */
public final class Gang implements AutoCloseable {
    private final int size;
    private final Thread[] workers;
    private final CyclicBarrier start;
    private final CyclicBarrier end;
    private final long[] startNanos;
    private final long[] endNanos;
    private volatile IntConsumer task;
    private volatile boolean closing;
    private volatile Throwable failure;

    /** Starts {@code size} daemon worker threads named {@code assay-kernel-N}. */
    public Gang(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("gang size must be >= 1, was " + size);
        }
        this.size = size;
        this.workers = new Thread[size];
        this.start = new CyclicBarrier(size + 1);
        this.end = new CyclicBarrier(size + 1);
        this.startNanos = new long[size];
        this.endNanos = new long[size];
        for (int i = 0; i < size; i++) {
            int index = i;
            workers[i] = Thread.ofPlatform().daemon().name("assay-kernel-" + i).start(() -> loop(index));
        }
    }

    /** Number of worker threads. */
    public int size() {
        return size;
    }

    /**
     * Runs {@code task.accept(workerIndex)} on every worker at once and waits for all of them.
     *
     * @return nanoseconds from the first worker's start to the last worker's end
     * @throws IllegalStateException when a worker threw; the cause is attached
     */
    public long run(IntConsumer task) {
        if (closing) {
            throw new IllegalStateException("gang is closed");
        }
        this.task = task;
        await(start);
        await(end);
        Throwable t = failure;
        if (t != null) {
            failure = null;
            throw new IllegalStateException("kernel worker failed: " + t, t);
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int i = 0; i < size; i++) {
            first = Math.min(first, startNanos[i]);
            last = Math.max(last, endNanos[i]);
        }
        return last - first;
    }

    private void loop(int index) {
        while (true) {
            if (!await(start) || closing) {
                return;
            }
            startNanos[index] = System.nanoTime();
            try {
                task.accept(index);
            } catch (Throwable t) {
                failure = t;
            }
            endNanos[index] = System.nanoTime();
            if (!await(end)) {
                return;
            }
        }
    }

    private static boolean await(CyclicBarrier barrier) {
        try {
            barrier.await();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (BrokenBarrierException e) {
            return false;
        }
    }

    /** Lets the workers finish; they are daemons, so a missed close never blocks JVM exit. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        start.reset();
        end.reset();
        for (Thread w : workers) {
            w.interrupt();
        }
    }

    /** Splits {@code total} items into {@code parts} contiguous ranges; returns the start of part {@code i} (i may be parts). */
    public static long split(long total, int parts, int i) {
        return total * i / parts;
    }
}
