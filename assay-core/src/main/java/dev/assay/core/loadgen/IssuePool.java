package dev.assay.core.loadgen;

import dev.assay.api.loadgen.Query;
import dev.assay.api.loadgen.SystemUnderTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Threads that call a synchronous system under test for open-loop and offline scenarios. The
 * dispatcher stamps a query "issued" when it enqueues it, on schedule; waiting here for a free
 * thread is queueing inside the system under test (its serving concurrency is the pool size),
 * so it lands in service time and latency, never in issue lag, and a slow query cannot hold up
 * the schedule.
 */
final class IssuePool {
    private static final Query POISON = new Query(0, new int[] {0});

    private final LinkedBlockingQueue<Query> queue = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();

    IssuePool(SystemUnderTest sut, RunState state, int size) {
        for (int i = 0; i < size; i++) {
            threads.add(Thread.ofPlatform().daemon().name("assay-issue-" + i).start(() -> work(sut, state)));
        }
    }

    int size() {
        return threads.size();
    }

    void submit(Query q) {
        queue.add(q);
    }

    private void work(SystemUnderTest sut, RunState state) {
        while (true) {
            Query q;
            try {
                q = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (q == POISON) {
                return;
            }
            LoadGenerator.issueSafely(sut, q, state);
        }
    }

    /** Lets queued queries run, then stops the threads (after the drain, so nothing is lost). */
    void shutdown() {
        for (int i = 0; i < threads.size(); i++) {
            queue.add(POISON);
        }
        for (Thread t : threads) {
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        threads.forEach(Thread::interrupt);
    }
}
