package dev.assay.core.loadgen;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The arrival offsets of an open-loop run, generated from the seed before the clock starts.
 *
 * <p>Memory stays bounded however long the run: offsets live in primitive chunks; up to
 * {@code prefillLimit} offsets (by default 4 Mi, 32 MiB) are generated before the run starts,
 * which covers every run whose maximum length fits. Longer runs get a background thread that
 * keeps a bounded queue of chunks ahead of the issuer and recycles consumed chunks, so a one-hour
 * run at 600k queries/s holds the same few tens of MiB as a one-minute one. The sequence is the
 * same either way: it is a pure function of the seed and the arrival pattern.
 */
final class OffsetSchedule implements AutoCloseable {
    static final int DEFAULT_CHUNK = 1 << 16;
    static final long DEFAULT_PREFILL_LIMIT = 1L << 22;
    private static final Chunk END = new Chunk(0);

    private final ArrivalGenerator generator;
    private final int chunkSize;
    private final BlockingQueue<Chunk> ready;
    private final BlockingQueue<Chunk> free;
    private final Thread refiller;
    private final long prefilled;
    private volatile boolean closed;
    private Chunk current;
    private int position;
    private long consumed;
    private long refillWaits;
    private final java.util.concurrent.atomic.AtomicLong chunksAllocated = new java.util.concurrent.atomic.AtomicLong();

    /**
     * @param generator    the arrival sequence
     * @param neededMax    most offsets the run can consume (its maximum length at the target rate, plus margin)
     * @param chunkSize    offsets per chunk
     * @param prefillLimit most offsets generated before the run; beyond it a background thread refills
     */
    OffsetSchedule(ArrivalGenerator generator, long neededMax, int chunkSize, long prefillLimit) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be >= 1, was " + chunkSize);
        }
        this.generator = generator;
        long target = Math.max(1, Math.min(neededMax, prefillLimit));
        // Small runs get one right-sized chunk instead of a mostly empty 64k one.
        this.chunkSize = (int) Math.min(chunkSize, target);
        int chunksAhead = (int) Math.max(2, (target + this.chunkSize - 1) / this.chunkSize);
        this.ready = new ArrayBlockingQueue<>(chunksAhead + 1);
        this.free = new ArrayBlockingQueue<>(chunksAhead + 4);
        long made = 0;
        boolean exhausted = false;
        while (made < target && !exhausted) {
            Chunk c = newChunk(this.chunkSize);
            c.count = generator.fill(c.offsets, this.chunkSize);
            made += c.count;
            if (c.count > 0) {
                ready.add(c);
            }
            exhausted = c.count < this.chunkSize;
        }
        this.prefilled = made;
        if (exhausted) {
            ready.add(END);
            refiller = null;
        } else if (made >= neededMax) {
            // Everything the run can use is in memory. Should randomness ask for more, the issuer
            // generates it inline (see nextChunk); no thread competes with it for a core.
            refiller = null;
        } else {
            refiller = startRefiller();
        }
        this.current = END;
        this.position = 0;
    }

    private Thread startRefiller() {
        Thread t = Thread.ofPlatform().daemon().name("assay-schedule").unstarted(this::refill);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return t;
    }

    private void refill() {
        try {
            while (!closed) {
                Chunk c = free.poll();
                if (c == null) {
                    c = newChunk(chunkSize);
                }
                c.count = generator.fill(c.offsets, chunkSize);
                if (c.count > 0) {
                    ready.put(c);
                }
                if (c.count < chunkSize) {
                    ready.put(END);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Chunk newChunk(int size) {
        chunksAllocated.incrementAndGet();
        return new Chunk(size);
    }

    /** Chunks allocated so far: stays bounded because consumed chunks are recycled. */
    long chunksAllocated() {
        return chunksAllocated.get();
    }

    /** Offsets generated before the run started. */
    long prefilled() {
        return prefilled;
    }

    /** Offsets handed out so far. */
    long consumed() {
        return consumed;
    }

    /** How often the issuer found no chunk ready (the refiller fell behind; should stay 0). */
    long refillWaits() {
        return refillWaits;
    }

    /** Next offset in nanoseconds from the schedule start, or -1 when the schedule has ended. */
    long next() {
        if (position < current.count) {
            consumed++;
            return current.offsets[position++];
        }
        return nextChunk();
    }

    private long nextChunk() {
        if (current != END) {
            free.offer(current);
        }
        Chunk c = ready.poll();
        if (c == null) {
            refillWaits++;
            if (refiller == null) {
                // Past the generous estimate (or the background thread is not needed): generate inline.
                c = free.poll();
                if (c == null) {
                    c = newChunk(chunkSize);
                }
                c.count = generator.fill(c.offsets, chunkSize);
                if (c.count == 0) {
                    ready.offer(END);
                    c = END;
                }
            } else {
                try {
                    c = ready.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    current = END;
                    return -1;
                }
            }
        }
        if (c == END) {
            ready.offer(END); // stay ended for later calls
            current = END;
            return -1;
        }
        current = c;
        position = 0;
        consumed++;
        return current.offsets[position++];
    }

    @Override
    public void close() {
        closed = true;
        if (refiller != null) {
            refiller.interrupt();
        }
    }

    private static final class Chunk {
        final long[] offsets;
        int count;

        Chunk(int size) {
            offsets = new long[size];
        }
    }
}
