package dev.assay.core.loadgen;

import org.HdrHistogram.IntCountsHistogram;
import org.HdrHistogram.WriterReaderPhaser;

/**
 * One completing thread's recorder. Each thread that reports completions gets its own, so the
 * hot path takes no lock and shares no cache line with other threads: the three histograms are
 * written inside one {@link WriterReaderPhaser} critical section (two uncontended atomic
 * increments per completion), and the interval collector flips the active bucket without
 * stopping the writer, as HdrHistogram's own {@code Recorder} does.
 */
final class Recording {
    /** Initial histogram range: 10 s in nanoseconds; buckets auto-resize beyond it. */
    static final long INITIAL_HIGHEST_NANOS = 10_000_000_000L;

    private final WriterReaderPhaser phaser = new WriterReaderPhaser();
    private volatile Bucket active = new Bucket();
    private Bucket inactive = new Bucket();

    /** Records a completed query. Values are nanoseconds; negative differences clamp to 0. */
    void complete(long scheduled, long issued, long done, boolean measured, long boundNanos) {
        long c = phaser.writerCriticalSectionEnter();
        try {
            Bucket b = active;
            long latency = Math.max(0, done - scheduled);
            if (measured) {
                b.latency.recordValue(latency);
                b.issueLag.recordValue(Math.max(0, issued - scheduled));
                b.service.recordValue(Math.max(0, done - issued));
                b.completed++;
                if (latency > boundNanos) {
                    b.overBound++;
                }
                if (done > b.lastDone) {
                    b.lastDone = done;
                }
            } else {
                b.warmLatency.recordValue(latency);
                b.warmCompleted++;
                if (done > b.warmLastDone) {
                    b.warmLastDone = done;
                }
            }
        } finally {
            phaser.writerCriticalSectionExit(c);
        }
    }

    /** Records a failed query: it counts as an error, never as a fast completion. */
    void fail(long done, boolean measured) {
        long c = phaser.writerCriticalSectionEnter();
        try {
            Bucket b = active;
            if (measured) {
                b.failed++;
                if (done > b.lastDone) {
                    b.lastDone = done;
                }
            } else {
                b.warmFailed++;
            }
        } finally {
            phaser.writerCriticalSectionExit(c);
        }
    }

    /**
     * Swaps buckets and returns the one just retired; the caller must finish reading it before
     * the next swap (one collector thread, or the run's owner after that thread has stopped).
     */
    Bucket swap() {
        phaser.readerLock();
        try {
            Bucket retired = active;
            inactive.reset();
            active = inactive;
            inactive = retired;
            phaser.flipPhase();
            return retired;
        } finally {
            phaser.readerUnlock();
        }
    }

    /** What one thread recorded during one interval. */
    static final class Bucket {
        final IntCountsHistogram latency = histogram();
        final IntCountsHistogram issueLag = histogram();
        final IntCountsHistogram service = histogram();
        final IntCountsHistogram warmLatency = histogram();
        long completed;
        long failed;
        long overBound;
        long lastDone = Long.MIN_VALUE;
        long warmCompleted;
        long warmFailed;
        long warmLastDone = Long.MIN_VALUE;

        void reset() {
            latency.reset();
            issueLag.reset();
            service.reset();
            warmLatency.reset();
            completed = 0;
            failed = 0;
            overBound = 0;
            lastDone = Long.MIN_VALUE;
            warmCompleted = 0;
            warmFailed = 0;
            warmLastDone = Long.MIN_VALUE;
        }

        private static IntCountsHistogram histogram() {
            // Int counts halve the footprint; one thread cannot put 2^31 values in one bucket in one interval.
            IntCountsHistogram h = new IntCountsHistogram(1, INITIAL_HIGHEST_NANOS, 3);
            h.setAutoResize(true);
            return h;
        }
    }
}
