package dev.assay.core.loadgen;

import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * Collects the per-thread recordings once per interval, off the hot path: merges them into
 * interval histograms, appends those to the .hlog, adds them to the run totals and the stability
 * windows, and prints a progress line about once a second. Memory is bounded: interval histograms
 * are reused, totals are one histogram per metric.
 */
final class IntervalCollector {
    private final RunState state;
    private final long intervalNanos;
    private final HlogOutput hlog;
    private final Consumer<String> progress;
    private final String progressLabel;
    private final String percentileLabel;
    private final double progressPercentile;
    private final int itemsPerQuery;
    private Stability stability;

    final Histogram latency = Stability.newHistogram();
    final Histogram issueLag = Stability.newHistogram();
    final Histogram service = Stability.newHistogram();
    final Histogram warmLatency = Stability.newHistogram();
    private final Histogram intervalLatency = Stability.newHistogram();
    private final Histogram intervalIssueLag = Stability.newHistogram();
    private final Histogram intervalService = Stability.newHistogram();
    private final Histogram intervalWarm = Stability.newHistogram();
    long completed;
    long failed;
    long overBound;
    long lastDone = Long.MIN_VALUE;
    long warmCompleted;
    long warmFailed;
    long warmLastDone = Long.MIN_VALUE;

    private long lastCollect;
    private long lastProgress;
    private Thread thread;
    private volatile boolean running;

    IntervalCollector(RunState state, long intervalNanos, HlogOutput hlog, Consumer<String> progress,
                      String progressLabel, double progressPercentile, int itemsPerQuery) {
        this.state = state;
        this.intervalNanos = intervalNanos;
        this.hlog = hlog;
        this.progress = progress;
        this.progressLabel = progressLabel;
        this.progressPercentile = progressPercentile;
        this.percentileLabel = LoadGenResult.percentileLabel(progressPercentile);
        this.itemsPerQuery = itemsPerQuery;
    }

    /** Sets the stability windows once the measured window's start is known. */
    void measureFrom(long measureStart, long windowNanos, double tolerance) {
        this.stability = new Stability(measureStart, windowNanos, tolerance);
    }

    Stability stability() {
        return stability;
    }

    void start(long now) {
        lastCollect = now;
        lastProgress = now;
        running = true;
        thread = Thread.ofPlatform().daemon().name("assay-collector").start(() -> {
            while (running) {
                LockSupport.parkNanos(intervalNanos);
                if (running) {
                    collect(state.clock.nanoTime());
                }
            }
        });
    }

    /** Stops the thread and makes the final collection on the caller's thread. */
    void finish() {
        running = false;
        if (thread != null) {
            LockSupport.unpark(thread);
            boolean interrupted = false;
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // finish anyway: the measured data must not be lost
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        collect(state.clock.nanoTime());
    }

    private void collect(long now) {
        intervalLatency.reset();
        intervalIssueLag.reset();
        intervalService.reset();
        intervalWarm.reset();
        long intervalCompleted = 0;
        for (Recording r : state.allRecordings) {
            Recording.Bucket b = r.swap();
            intervalLatency.add(b.latency);
            intervalIssueLag.add(b.issueLag);
            intervalService.add(b.service);
            intervalWarm.add(b.warmLatency);
            intervalCompleted += b.completed;
            failed += b.failed;
            overBound += b.overBound;
            lastDone = Math.max(lastDone, b.lastDone);
            warmCompleted += b.warmCompleted;
            warmFailed += b.warmFailed;
            warmLastDone = Math.max(warmLastDone, b.warmLastDone);
        }
        completed += intervalCompleted;
        latency.add(intervalLatency);
        issueLag.add(intervalIssueLag);
        service.add(intervalService);
        warmLatency.add(intervalWarm);
        if (stability != null) {
            stability.add(lastCollect, now, intervalLatency, intervalCompleted, itemsPerQuery);
        }
        if (hlog != null) {
            hlog.interval(lastCollect, now, intervalLatency, intervalIssueLag, intervalService, intervalWarm);
        }
        lastCollect = now;
        if (progress != null && now - lastProgress >= 1_000_000_000L) {
            lastProgress = now;
            progress.accept(progressLine());
        }
    }

    private String progressLine() {
        if (completed == 0) {
            return String.format(Locale.ROOT, "%s: warm-up, %,d queries", progressLabel, warmCompleted);
        }
        return String.format(Locale.ROOT, "%s: %,d queries, %s %.1f ms", progressLabel, completed, percentileLabel,
                latency.getValueAtPercentile(progressPercentile * 100) / 1e6);
    }
}
