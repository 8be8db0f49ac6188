package dev.assay.core.loadgen;

import dev.assay.api.loadgen.Query;
import dev.assay.api.loadgen.QuerySampleLibrary;
import dev.assay.api.loadgen.ResponseSink;
import dev.assay.api.loadgen.Scenario;
import dev.assay.api.loadgen.SystemUnderTest;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Drives a {@link SystemUnderTest} through one scenario and measures it (MLPerf LoadGen's model).
 *
 * <p>Timing rules: every query has a scheduled time fixed before it is issued (server: the seeded
 * arrival schedule generated before the run; closed loops: the completion that freed its stream;
 * offline: the start of the measured wave). Latency is completion minus scheduled time, so time a
 * query spent waiting because the generator or the SUT was busy is counted (coordinated-omission
 * safe); issue lag (issued - scheduled) and service time (completed - issued) are recorded beside
 * it. Queries scheduled in the warm-up are excluded from the metrics and reported separately.
 *
 * <p>Threads: an open-loop run issues from the calling thread (waiting precisely for each
 * scheduled time); a synchronous SUT is called from an {@link IssuePool}. Closed loops issue
 * from the calling thread when the SUT completes on its own threads, or from one thread per
 * stream when it is synchronous. Completions are recorded lock-free on whatever thread reports
 * them; a collector thread merges recordings once per interval.
 */
public final class LoadGenerator {
    /** Most queries in flight; beyond it the issuer waits (counted, and visible as issue lag). */
    static final int MAX_IN_FLIGHT = 1 << 18;
    /** A SUT that fails this many queries before completing any is given up on. */
    static final long FAIL_FAST_AFTER = 1000;
    /** MLPerf's minimum duration for a full-length run. */
    static final Duration FULL_LENGTH = Duration.ofSeconds(600);

    private final LoadClock clock;

    /** A generator on {@link System#nanoTime()}. */
    public LoadGenerator() {
        this(SystemLoadClock.INSTANCE);
    }

    /** A generator on the given clock (tests use a fake one). */
    public LoadGenerator(LoadClock clock) {
        if (clock == null) {
            throw new IllegalArgumentException("a clock is required");
        }
        this.clock = clock;
    }

    /**
     * Runs one measurement.
     *
     * @param sut            the system under test (not closed here)
     * @param qsl            its sample library; the performance set is loaded before and unloaded after
     * @param settings       effective settings
     * @param itemsPerSample items one sample carries (the batch size) for the throughput metric
     * @param progress       receives a short line about once a second; may be null
     */
    public LoadGenResult run(SystemUnderTest sut, QuerySampleLibrary qsl, TestSettings settings, int itemsPerSample,
                             Consumer<String> progress) {
        if (itemsPerSample < 1) {
            throw new IllegalArgumentException("items per sample must be >= 1, was " + itemsPerSample);
        }
        int perf = Math.max(1, Math.min(qsl.performanceSampleCount(), qsl.totalSampleCount()));
        int[] loaded = new int[perf];
        for (int i = 0; i < perf; i++) {
            loaded[i] = i;
        }
        qsl.loadSamples(loaded);
        try {
            return new Run(sut, settings, itemsPerSample, progress, perf).execute();
        } finally {
            qsl.unloadSamples(loaded);
        }
    }

    /** Calls the SUT; an exception from {@code issue} fails that query instead of the run. */
    static void issueSafely(SystemUnderTest sut, Query q, ResponseSink sink) {
        try {
            sut.issue(q, sink);
        } catch (RuntimeException e) {
            sink.fail(q.id(), "issue threw " + e);
        }
    }

    /** One run's mutable state; lives for the duration of {@link #run}. */
    private final class Run {
        final SystemUnderTest sut;
        final TestSettings settings;
        final Scenario scenario;
        final int itemsPerSample;
        final int samplesPerQuery;
        final Consumer<String> progress;
        final int sampleCount;
        final SampleOrder order;
        final long realStart = System.nanoTime();
        final long realLimit;
        final RunFacts facts = new RunFacts();

        Run(SystemUnderTest sut, TestSettings settings, int itemsPerSample, Consumer<String> progress, int sampleCount) {
            this.sut = sut;
            this.settings = settings;
            this.scenario = settings.scenario();
            this.itemsPerSample = itemsPerSample;
            this.samplesPerQuery = Scenarios.samplesPerQuery(scenario);
            this.progress = progress;
            this.sampleCount = sampleCount;
            this.order = new SampleOrder(settings.seed(), sampleCount, samplesPerQuery);
            // Safety net in real time, for clocks that stop (a fake clock with a SUT that never advances it).
            long budget = settings.warmup().toNanos() + settings.maxDuration().toNanos();
            this.realLimit = saturatingAdd(saturatingAdd(budget, budget), settings.drainTimeout().toNanos() + 10_000_000_000L);
        }

        LoadGenResult execute() {
            long boundNanos = settings.latencyBound() == null ? Long.MAX_VALUE : settings.latencyBound().toNanos();
            OffsetSchedule schedule = null;
            int capacity;
            long warmupNanos = settings.warmup().toNanos();
            if (scenario instanceof Scenario.Server server) {
                double seconds = (warmupNanos + settings.maxDuration().toNanos()) / 1e9;
                double expected = server.targetQps() * seconds;
                long neededMax = (long) Math.min(Long.MAX_VALUE / 2.0, expected * 1.1 + 1000);
                ArrivalGenerator arrivals = new ArrivalGenerator(server.arrival(), server.targetQps(), settings.seed());
                schedule = new OffsetSchedule(arrivals, neededMax, OffsetSchedule.DEFAULT_CHUNK,
                        OffsetSchedule.DEFAULT_PREFILL_LIMIT);
                capacity = RunState.ringSize(neededMax, 1024, MAX_IN_FLIGHT);
            } else if (scenario instanceof Scenario.Offline) {
                capacity = RunState.ringSize(settings.minQueries(), 1024, MAX_IN_FLIGHT);
            } else {
                capacity = RunState.ringSize(4L * Scenarios.closedLoopStreams(scenario), 64, MAX_IN_FLIGHT);
            }
            RunState state = new RunState(clock, capacity, boundNanos);
            long intervalNanos = Math.clamp(settings.minDuration().toNanos() / 10, 100_000_000L, 1_000_000_000L);
            HlogOutput hlog = null;
            if (settings.hlog() != null) {
                String[] problem = new String[1];
                hlog = HlogOutput.open(settings.hlog(), clock.nanoTime(),
                        "Assay load generator: scenario " + scenario.id() + " " + Scenarios.parameters(scenario), problem);
                facts.hlogProblem = problem[0];
            }
            IntervalCollector collector = new IntervalCollector(state, intervalNanos, hlog, progress,
                    progressLabel(), settings.percentile(), samplesPerQuery * itemsPerSample);
            boolean syncSut = sut.synchronous();
            IssuePool pool = null;
            facts.sutSynchronous = syncSut;
            facts.capacity = capacity;
            try {
                long t0 = clock.nanoTime();
                collector.start(t0);
                facts.t0 = t0;
                if (!(scenario instanceof Scenario.Offline)) {
                    facts.measureStart = saturatingAdd(t0, warmupNanos);
                    state.measureStart = facts.measureStart;
                    collector.measureFrom(facts.measureStart, windowNanos(intervalNanos), settings.stabilityTolerance());
                }
                if (syncSut && (scenario instanceof Scenario.Server || scenario instanceof Scenario.Offline)) {
                    int threads = settings.issueThreads() > 0 ? settings.issueThreads()
                            : Runtime.getRuntime().availableProcessors();
                    pool = new IssuePool(sut, state, threads);
                    facts.issueThreads = threads;
                }
                Dispatch dispatch = pool == null ? q -> issueSafely(sut, q, state) : pool::submit;
                switch (scenario) {
                    case Scenario.Server s -> openLoop(state, schedule, dispatch, t0);
                    case Scenario.Offline o -> offline(state, dispatch, collector, intervalNanos);
                    default -> {
                        int streams = Scenarios.closedLoopStreams(scenario);
                        if (syncSut) {
                            closedLoopSync(state, streams, t0);
                            facts.issueThreads = streams;
                        } else {
                            closedLoopAsync(state, streams, t0);
                        }
                    }
                }
                facts.issueEnded = clock.nanoTime();
                try {
                    sut.flush(); // no more queries: a batching SUT should not wait for company
                } catch (RuntimeException e) {
                    facts.flushProblem = e.toString();
                }
                drain(state);
            } finally {
                state.closed = true;
                if (pool != null) {
                    pool.shutdown();
                }
                if (schedule != null) {
                    schedule.close();
                    facts.schedulePrefilled = schedule.prefilled();
                    facts.scheduleConsumed = schedule.consumed();
                    facts.scheduleRefillWaits = schedule.refillWaits();
                }
                collector.finish();
                if (hlog != null) {
                    hlog.close();
                    facts.hlogPath = hlog.target();
                    if (hlog.error() != null) {
                        facts.hlogProblem = hlog.error();
                    }
                }
            }
            facts.slotWaits = state.slotWaits();
            facts.protocolErrors = state.protocolErrors.sum();
            facts.firstProtocolError = state.firstProtocolError.get();
            facts.firstFailure = state.firstFailure.get();
            facts.lateCompletions = state.lateCompletions.sum();
            if (facts.interrupted) {
                Thread.currentThread().interrupt();
            }
            return new ResultBuilder(settings, itemsPerSample, samplesPerQuery, clock.describe(), sampleCount, facts,
                    collector).build();
        }

        long windowNanos(long intervalNanos) {
            long w = settings.minDuration().toNanos() / 5;
            return Math.max(intervalNanos, w);
        }

        String progressLabel() {
            return switch (scenario) {
                case Scenario.Server s -> String.format(Locale.ROOT, "server %s qps", trim(s.targetQps()));
                case Scenario.Concurrency c -> "concurrency " + c.inFlight();
                case Scenario.MultiStream m -> "multi-stream x" + m.samplesPerQuery();
                default -> scenario.id();
            };
        }

        /** Whether to stop issuing for reasons other than the schedule: interrupt, a failing SUT, the real-time net. */
        boolean mustStop(RunState state) {
            if (Thread.currentThread().isInterrupted()) {
                facts.interrupted = true;
                facts.endReason = "interrupted";
                return true;
            }
            if (!state.anyCompleted && state.failures.sum() >= FAIL_FAST_AFTER) {
                facts.endReason = "stopped early: the system under test failed its first " + FAIL_FAST_AFTER + " queries";
                facts.failFast = true;
                return true;
            }
            if (System.nanoTime() - realStart > realLimit) {
                facts.endReason = "stopped by the real-time safety limit (the clock did not advance as expected)";
                return true;
            }
            return false;
        }

        void openLoop(RunState state, OffsetSchedule schedule, Dispatch dispatch, long t0) {
            long measureStart = facts.measureStart;
            long minEnd = saturatingAdd(measureStart, settings.minDuration().toNanos());
            long hardEnd = saturatingAdd(measureStart, settings.maxDuration().toNanos());
            long minQueries = settings.minQueries();
            long id = 0;
            long measured = 0;
            long lastScheduled = Long.MIN_VALUE;
            while (true) {
                long offset = schedule.next();
                if (offset < 0) {
                    facts.endReason = "the arrival schedule ended";
                    break;
                }
                long at = t0 + offset;
                if (at >= hardEnd) {
                    facts.endReason = "maximum duration reached";
                    facts.stopScheduled = at;
                    break;
                }
                if (at >= minEnd && measured >= minQueries) {
                    facts.endReason = "minimum duration and query count reached";
                    facts.stopScheduled = at;
                    break;
                }
                if ((id & 1023) == 0 && mustStop(state)) {
                    break;
                }
                long now = clock.waitUntil(at);
                if (state.claim(id)) {
                    now = clock.nanoTime();
                }
                Query q = new Query(id, order.samples(id));
                state.publish(id, at, now);
                if (at >= measureStart) {
                    measured++;
                }
                lastScheduled = at;
                dispatch.issue(q);
                id++;
            }
            facts.issued = id;
            facts.measuredIssued = measured;
            facts.lastScheduled = lastScheduled;
        }

        void closedLoopAsync(RunState state, int streams, long t0) {
            long measureStart = facts.measureStart;
            long minEnd = saturatingAdd(measureStart, settings.minDuration().toNanos());
            long hardEnd = saturatingAdd(measureStart, settings.maxDuration().toNanos());
            long minQueries = settings.minQueries();
            long timeout = settings.drainTimeout().toNanos();
            DoneQueue done = new DoneQueue(streams);
            ResponseSink sink = new ResponseSink() {
                @Override
                public void complete(long queryId) {
                    long t = clock.nanoTime();
                    if (state.finish(queryId, t, null)) {
                        done.offer(t);
                    }
                }

                @Override
                public void fail(long queryId, String reason) {
                    long t = clock.nanoTime();
                    if (state.finish(queryId, t, reason == null || reason.isBlank() ? "no reason given" : reason)) {
                        done.offer(t);
                    }
                }
            };
            long id = 0;
            long measured = 0;
            while (true) {
                long scheduled;
                if (id < streams) {
                    scheduled = t0;
                } else {
                    scheduled = done.take(timeout);
                    if (scheduled == DoneQueue.TIMED_OUT) {
                        if (!mustStop(state)) {
                            facts.endReason = "no completion within the drain timeout: the system under test stopped answering";
                        }
                        break;
                    }
                }
                if (scheduled >= hardEnd) {
                    facts.endReason = "maximum duration reached";
                    break;
                }
                if (scheduled >= minEnd && measured >= minQueries) {
                    facts.endReason = "minimum duration and query count reached";
                    break;
                }
                if ((id & 255) == 0 && mustStop(state)) {
                    break;
                }
                state.claim(id);
                Query q = new Query(id, order.samples(id));
                long now = clock.nanoTime();
                state.publish(id, scheduled, now);
                if (scheduled >= measureStart) {
                    measured++;
                }
                issueSafely(sut, q, sink);
                id++;
            }
            facts.issued = id;
            facts.measuredIssued = measured;
        }

        void closedLoopSync(RunState state, int streams, long t0) {
            long measureStart = facts.measureStart;
            long minEnd = saturatingAdd(measureStart, settings.minDuration().toNanos());
            long hardEnd = saturatingAdd(measureStart, settings.maxDuration().toNanos());
            long minQueries = settings.minQueries();
            long timeout = settings.drainTimeout().toNanos();
            AtomicLong nextId = new AtomicLong();
            AtomicLong issued = new AtomicLong();
            AtomicLong measured = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<String> reason = new AtomicReference<>();
            Runnable stream = () -> {
                StreamSink sink = new StreamSink(state);
                long scheduled = t0;
                while (!stop.get()) {
                    if (scheduled >= hardEnd) {
                        reason.compareAndSet(null, "maximum duration reached");
                        break;
                    }
                    if (scheduled >= minEnd && measured.get() >= minQueries) {
                        reason.compareAndSet(null, "minimum duration and query count reached");
                        break;
                    }
                    long id = nextId.getAndIncrement();
                    if ((id & 255) == 0 && mustStop(state)) {
                        stop.set(true);
                        break;
                    }
                    state.claim(id);
                    Query q = new Query(id, order.samples(id));
                    long now = clock.nanoTime();
                    state.publish(id, scheduled, now);
                    issued.incrementAndGet();
                    if (scheduled >= measureStart) {
                        measured.incrementAndGet();
                    }
                    issueSafely(sut, q, sink);
                    long doneAt = sink.await(id, timeout);
                    if (doneAt == DoneQueue.TIMED_OUT) {
                        reason.compareAndSet(null, "no completion within the drain timeout: the system under test stopped answering");
                        stop.set(true);
                        break;
                    }
                    scheduled = doneAt;
                }
            };
            Thread[] extra = new Thread[streams - 1];
            for (int i = 0; i < extra.length; i++) {
                extra[i] = Thread.ofPlatform().daemon().name("assay-stream-" + (i + 1)).start(stream);
            }
            stream.run(); // stream 0 on the calling thread: no hand-off for single-stream
            for (Thread t : extra) {
                joinQuietly(t);
            }
            facts.issued = issued.get();
            facts.measuredIssued = measured.get();
            if (facts.endReason == null) {
                facts.endReason = reason.get();
            }
            // Ids handed out but never issued (streams that stopped) are never outstanding: their slots stay free.
            facts.idLimit = nextId.get();
        }

        void offline(RunState state, Dispatch dispatch, IntervalCollector collector, long intervalNanos) {
            long warmupNanos = settings.warmup().toNanos();
            long id = 0;
            double rate = Double.NaN;
            long warmStart = clock.nanoTime();
            long warmQueries = 0;
            if (warmupNanos > 0) {
                // Warm-up in doubling all-at-once waves; the last wave's rate sizes the measured wave.
                int wave = 32;
                for (int round = 0; round < 40 && clock.nanoTime() - warmStart < warmupNanos; round++) {
                    long waveStart = clock.nanoTime();
                    long first = id;
                    for (int i = 0; i < wave; i++, id++) {
                        state.claim(id);
                        Query q = new Query(id, order.samples(id));
                        state.publish(id, waveStart, clock.nanoTime());
                        dispatch.issue(q);
                    }
                    warmQueries += wave;
                    if (!drainRange(state, first, id) || mustStop(state)) {
                        break;
                    }
                    long took = clock.nanoTime() - waveStart;
                    if (took > 0) {
                        rate = wave * 1e9 / took;
                    }
                    wave = (int) Math.min(wave * 2L, MAX_IN_FLIGHT);
                }
            }
            facts.offlineWarmupRate = rate;
            facts.offlineWarmupQueries = warmQueries;
            // The measured period: all-at-once waves. The first is sized from the warm-up rate to
            // fill the minimum duration (with 20% margin); should it finish early (the estimate was
            // low, e.g. before JIT compilation settled), another wave fills the remaining time.
            long minNanos = settings.minDuration().toNanos();
            long wave = settings.minQueries();
            if (!Double.isNaN(rate)) {
                wave = Math.max(wave, (long) Math.ceil(rate * minNanos / 1e9 * 1.2));
            }
            long measureStart = clock.nanoTime();
            facts.measureStart = measureStart;
            state.measureStart = measureStart;
            collector.measureFrom(measureStart, windowNanos(intervalNanos), settings.stabilityTolerance());
            long measured = 0;
            int waves = 0;
            facts.endReason = "offline waves covered the minimum duration and query count";
            outer:
            while (true) {
                long waveStart = waves == 0 ? measureStart : clock.nanoTime();
                long first = id;
                for (long i = 0; i < wave; i++, id++) {
                    if ((i & 1023) == 0 && mustStop(state)) {
                        break outer;
                    }
                    state.claim(id); // waits when the wave is larger than the in-flight capacity
                    Query q = new Query(id, order.samples(id));
                    state.publish(id, waveStart, clock.nanoTime());
                    dispatch.issue(q);
                    measured++;
                }
                waves++;
                if (!drainRange(state, first, id) || mustStop(state)) {
                    break;
                }
                long elapsed = clock.nanoTime() - measureStart;
                if ((elapsed >= minNanos && measured >= settings.minQueries()) || waves >= 20) {
                    break;
                }
                double measuredRate = measured * 1e9 / Math.max(1, elapsed);
                wave = Math.max(32, (long) Math.ceil(measuredRate * Math.max(0, minNanos - elapsed) / 1e9 * 1.2));
                wave = Math.max(wave, settings.minQueries() - measured);
            }
            facts.issued = id;
            facts.measuredIssued = measured;
            facts.offlineWaves = waves;
            facts.lastScheduled = measureStart;
        }

        /** Waits for every issued query to complete or for the drain timeout; counts what is left. */
        void drain(RunState state) {
            long limit = Math.max(facts.issued, facts.idLimit);
            long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
            long scan = 0;
            while (scan < limit) {
                if (!state.outstanding(scan)) {
                    scan++;
                    continue;
                }
                if (System.nanoTime() - deadline > 0) {
                    break;
                }
                if (Thread.currentThread().isInterrupted()) {
                    facts.interrupted = true; // keep what completed; do not sit out the drain timeout
                    break;
                }
                LockSupport.parkNanos(200_000);
            }
            long left = 0;
            for (long id = scan; id < limit; id++) {
                if (state.outstanding(id)) {
                    left++;
                }
            }
            facts.outstandingAfterDrain = left;
        }

        /** Drain of an offline wave: true when every query in [from, to) finished. */
        boolean drainRange(RunState state, long from, long to) {
            long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
            for (long id = from; id < to; ) {
                if (!state.outstanding(id)) {
                    id++;
                    continue;
                }
                if (System.nanoTime() - deadline > 0) {
                    facts.endReason = "an offline wave did not complete within the drain timeout";
                    return false;
                }
                LockSupport.parkNanos(50_000); // do not take the core from the SUT while it works
            }
            return true;
        }
    }

    /** Hands a stamped query to the SUT directly or through the pool. */
    @FunctionalInterface
    private interface Dispatch {
        void issue(Query q);
    }

    /** The sink of one closed-loop stream calling a synchronous SUT: remembers when its query finished. */
    private static final class StreamSink implements ResponseSink {
        private final RunState state;
        private volatile long doneId = -1;
        private long doneAt;
        private volatile Thread waiter;

        StreamSink(RunState state) {
            this.state = state;
        }

        @Override
        public void complete(long queryId) {
            finish(queryId, null);
        }

        @Override
        public void fail(long queryId, String reason) {
            finish(queryId, reason == null || reason.isBlank() ? "no reason given" : reason);
        }

        private void finish(long queryId, String failure) {
            long t = state.clock.nanoTime();
            if (state.finish(queryId, t, failure)) {
                doneAt = t;
                doneId = queryId; // volatile write publishes doneAt
                Thread w = waiter;
                if (w != null) {
                    LockSupport.unpark(w);
                }
            }
        }

        /** The completion time of {@code id}, waiting up to {@code timeoutNanos} for a SUT that completed elsewhere. */
        long await(long id, long timeoutNanos) {
            if (doneId == id) {
                return doneAt;
            }
            long start = System.nanoTime();
            waiter = Thread.currentThread();
            try {
                while (doneId != id) {
                    long left = timeoutNanos - (System.nanoTime() - start);
                    if (left <= 0 || Thread.currentThread().isInterrupted()) {
                        return DoneQueue.TIMED_OUT;
                    }
                    LockSupport.parkNanos(this, Math.min(left, 1_000_000L));
                }
                return doneAt;
            } finally {
                waiter = null;
            }
        }
    }

    private static void joinQuietly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                // Keep waiting (the stream stops at its next check), then restore the flag.
                interrupted = true;
                t.interrupt();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    static long saturatingAdd(long a, long b) {
        long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) {
            return a > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return r;
    }

    static String trim(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        return String.format(Locale.ROOT, "%,.2f", v);
    }
}
