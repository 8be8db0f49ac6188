package dev.assay.testkit;

import dev.assay.api.loadgen.Query;
import dev.assay.api.loadgen.ResponseSink;
import dev.assay.api.loadgen.SystemUnderTest;
import dev.assay.core.loadgen.SampleOrder;
import dev.assay.core.loadgen.SystemLoadClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * A system under test with a known service-time law, served by {@code k} servers: a FIFO queue
 * whose analytic behaviour (M/M/1, M/D/1, M/M/k under Poisson arrivals) the load generator's
 * measurements can be checked against, and that users can calibrate the tool with.
 *
 * <p><b>Asynchronous form</b> ({@link #queue}): {@code issue} only enqueues. The arrival time is
 * read on entry; the query goes to the server that frees up first, starts at
 * max(arrival, that server's ideal finish time) and is due {@code service} later. Each server is
 * a thread that waits precisely (park, then spin for the last 100 us) until the due time and
 * completes the query. The servers keep their ideal timeline: a thread that wakes late delays
 * that one completion, but the next query still starts at the ideal time, so the OS's wake-up
 * jitter does not accumulate into queueing that the law does not have. Drawing each query's
 * service time at arrival and assigning it to the earliest-free server is the same FIFO
 * M/G/k queue as a central queue drawing at service start, because service times are
 * independent of everything else.
 *
 * <p><b>Synchronous form</b> ({@link #synchronous}): {@code issue} itself waits out the service
 * time on the calling thread; the generator's issue pool is then the queue.
 *
 * <p>Service times are a pure function of (seed, query id, sample position), so every run with
 * the same seed sees the same service times for the same query ids (common random numbers across
 * the probes of a saturation search). A query of several samples is served as that many samples
 * back to back.
 */
public final class SyntheticSut implements SystemUnderTest {
    private final ServiceTimeLaw law;
    private final int servers;
    private final long seed;
    private final boolean synchronous;
    private final Map<Long, Long> stalls = new ConcurrentHashMap<>();
    private final long[] freeAt;
    private final List<Server> workers = new ArrayList<>();
    private final Histogram syncJitter = new Histogram(3);
    private volatile boolean closed;

    private SyntheticSut(ServiceTimeLaw law, int servers, long seed, boolean synchronous) {
        if (servers < 1 || servers > 1024) {
            throw new IllegalArgumentException("servers must be in [1, 1024], was " + servers);
        }
        this.law = law;
        this.servers = servers;
        this.seed = seed;
        this.synchronous = synchronous;
        this.freeAt = new long[servers];
        if (!synchronous) {
            long now = System.nanoTime();
            for (int i = 0; i < servers; i++) {
                freeAt[i] = now;
                Server s = new Server(i);
                workers.add(s);
                s.thread.start();
            }
        }
    }

    /** An asynchronous k-server queue (see the class comment). */
    public static SyntheticSut queue(ServiceTimeLaw law, int servers, long seed) {
        return new SyntheticSut(law, servers, seed, false);
    }

    /** A synchronous server: {@code issue} blocks for the service time. */
    public static SyntheticSut synchronous(ServiceTimeLaw law, long seed) {
        return new SyntheticSut(law, 1, seed, true);
    }

    /** Makes query {@code queryId} take {@code stall} instead of its drawn service time (coordinated-omission tests). */
    public SyntheticSut stallOnce(long queryId, Duration stall) {
        stalls.put(queryId, stall.toNanos());
        return this;
    }

    public ServiceTimeLaw law() {
        return law;
    }

    public int servers() {
        return servers;
    }

    @Override
    public String name() {
        return "synthetic " + law.id() + " x" + servers + (synchronous ? " (synchronous)" : "");
    }

    @Override
    public boolean synchronous() {
        return synchronous;
    }

    /** Service time of a query: the sum of its samples' draws, or its stall. */
    public long serviceNanos(Query q) {
        Long stall = stalls.get(q.id());
        if (stall != null) {
            return stall;
        }
        long total = 0;
        int n = q.sampleIndices().length;
        for (int j = 0; j < n; j++) {
            long h = SampleOrder.mix64(seed ^ SampleOrder.mix64(q.id() * 64 + j + 1));
            double u = (h >>> 11) * 0x1.0p-53;
            total += law.sampleNanos(u);
        }
        return total;
    }

    @Override
    public void issue(Query query, ResponseSink sink) {
        long arrival = System.nanoTime();
        long service = serviceNanos(query);
        if (synchronous) {
            long due = arrival + service;
            long woke = SystemLoadClock.preciseWaitUntil(due);
            synchronized (syncJitter) {
                syncJitter.recordValue(Math.max(0, woke - due));
            }
            sink.complete(query.id());
            return;
        }
        if (closed) {
            sink.fail(query.id(), "synthetic system under test is closed");
            return;
        }
        int chosen;
        long due;
        synchronized (freeAt) {
            chosen = 0;
            for (int i = 1; i < servers; i++) {
                if (freeAt[i] < freeAt[chosen]) {
                    chosen = i;
                }
            }
            long start = Math.max(arrival, freeAt[chosen]);
            due = start + service;
            freeAt[chosen] = due;
        }
        workers.get(chosen).jobs.add(new Job(query.id(), arrival, due, sink));
    }

    /**
     * How late the servers completed queries after their ideal due time (a copy), nanoseconds:
     * the synthetic system's own deviation from its law.
     */
    public Histogram completionJitter() {
        Histogram h = new Histogram(3);
        for (Server s : workers) {
            synchronized (s.jitter) {
                h.add(s.jitter);
            }
        }
        synchronized (syncJitter) {
            h.add(syncJitter);
        }
        return h;
    }

    /** Ideal sojourn times (due - arrival at the SUT) of the queries served so far, nanoseconds (a copy). */
    public Histogram idealSojourn() {
        Histogram h = new Histogram(3);
        for (Server s : workers) {
            synchronized (s.jitter) {
                h.add(s.sojourn);
            }
        }
        return h;
    }

    /** Forgets the recorded jitter and sojourn times. */
    public void resetStatistics() {
        for (Server s : workers) {
            synchronized (s.jitter) {
                s.jitter.reset();
                s.sojourn.reset();
            }
        }
        synchronized (syncJitter) {
            syncJitter.reset();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Server s : workers) {
            s.thread.interrupt();
        }
        for (Server s : workers) {
            try {
                s.thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private record Job(long id, long arrival, long due, ResponseSink sink) {
    }

    private final class Server {
        final LinkedBlockingQueue<Job> jobs = new LinkedBlockingQueue<>();
        final Histogram jitter = new Histogram(3);
        final Histogram sojourn = new Histogram(3);
        final Thread thread;

        Server(int index) {
            thread = Thread.ofPlatform().daemon().name("synthetic-server-" + index).unstarted(this::serve);
        }

        private void serve() {
            while (!closed) {
                Job job;
                try {
                    job = jobs.poll(100, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    break;
                }
                if (job == null) {
                    continue;
                }
                long woke = SystemLoadClock.preciseWaitUntil(job.due());
                job.sink().complete(job.id());
                synchronized (jitter) {
                    jitter.recordValue(Math.max(0, woke - job.due()));
                    sojourn.recordValue(Math.max(0, job.due() - job.arrival()));
                }
            }
            // Closed: whatever is still queued fails rather than vanishing.
            Job left;
            while ((left = jobs.poll()) != null) {
                left.sink().fail(left.id(), "synthetic system under test closed before serving the query");
            }
        }
    }
}
