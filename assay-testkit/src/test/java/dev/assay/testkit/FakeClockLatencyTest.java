package dev.assay.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.api.loadgen.Arrival;
import dev.assay.api.loadgen.Scenario;
import dev.assay.api.result.Check;
import dev.assay.api.result.Metric;
import dev.assay.core.loadgen.EmptyLibrary;
import dev.assay.core.loadgen.LoadGenResult;
import dev.assay.core.loadgen.LoadGenerator;
import dev.assay.core.loadgen.TestSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Latency arithmetic on a fake clock, where every timestamp is known: latency = done - scheduled,
 * issue lag = issued - scheduled, service time = done - issued. Tolerance is HdrHistogram's
 * 3-significant-digit bucket width (0.1%).
 */
class FakeClockLatencyTest {
    private static final long MS = 1_000_000;
    private static final EmptyLibrary LIBRARY = new EmptyLibrary(16);

    private static TestSettings settings(Scenario s, long warmupMs, long minMs) {
        return TestSettings.of(s, Duration.ofMillis(minMs))
                .withDurations(Duration.ofMillis(warmupMs), Duration.ofMillis(minMs), Duration.ofMillis(minMs * 2))
                .withStability(0.1, Duration.ofSeconds(5));
    }

    private static Metric.Distribution dist(LoadGenResult r, String name) {
        return (Metric.Distribution) r.metrics().get(name);
    }

    private static void near(double expected, double actual, String what) {
        assertEquals(expected, actual, Math.abs(expected) * 0.001 + 1e-9, what);
    }

    @Test
    void serverLatencyIsIssueLagPlusServiceFromTheScheduledTime() {
        FakeClock clock = new FakeClock(1_000 * MS);
        clock.setWaitOvershoot(1 * MS); // the generator wakes 1 ms late for every query
        FakeClockSut sut = new FakeClockSut(clock, id -> 3 * MS, false);
        TestSettings s = settings(new Scenario.Server(100, new Arrival.Constant()), 0, 1000);
        LoadGenResult r = new LoadGenerator(clock).run(sut, LIBRARY, s, 4, null);
        Metric.Distribution lat = dist(r, "latency");
        Metric.Distribution lag = dist(r, "issue_lag");
        Metric.Distribution svc = dist(r, "service_time");
        assertEquals(100, lat.count(), "100 queries in 1 s at 100 qps");
        near(4.0, lat.p50(), "latency p50 (ms)");
        near(4.0, lat.max(), "latency max (ms)");
        near(1000.0, lag.p99(), "issue lag (us)");
        near(3.0, svc.p99(), "service time (ms)");
        assertEquals(100.0, r.value("scheduled_rate"), 1e-9);
        assertEquals(400.0, r.value("throughput"), 400 * 0.01, "100 queries/s x 4 items");
    }

    @Test
    void aStallDelaysEveryQueryScheduledBehindIt() {
        // Query 10 takes 200 ms on the issuing thread. Queries 11.. are scheduled every 10 ms
        // meanwhile; measured from their scheduled time they carry the wait (271 - 7k ms for
        // k = 11..38); measured from their send time (service time) only query 10 is slow.
        FakeClock clock = new FakeClock(0);
        clock.setWaitOvershoot(1 * MS);
        FakeClockSut sut = new FakeClockSut(clock, id -> id == 10 ? 200 * MS : 3 * MS, false);
        TestSettings s = settings(new Scenario.Server(100, new Arrival.Constant()), 0, 1000);
        LoadGenResult r = new LoadGenerator(clock).run(sut, LIBRARY, s, 1, null);
        Metric.Distribution lat = dist(r, "latency");
        near(201.0, lat.max(), "the stalled query itself");
        // 29 queries (10..38) above the normal 4 ms; p90 is rank 90 of 100, so it lands among them.
        assertEquals(100, lat.count());
        assertTrue(lat.p90() > 20, "p90 carries the stall's effect on later queries: " + lat);
        near(expectedP90(), lat.p90(), "p90 = latency of the 90th smallest");
        Metric.Distribution svc = dist(r, "service_time");
        near(3.0, svc.p90(), "service time from the send does not see the queue");
        near(200.0, svc.max(), "only the stalled query is slow from its send time");
        // The SUT blocked the issuer although it declared itself asynchronous: the generator fell behind.
        Check lag = r.check("issue_lag").orElseThrow();
        assertFalse(lag.passed());
        assertTrue(lag.detail().startsWith("the load generator fell behind"), lag.detail());
        assertFalse(r.valid());
    }

    /** Latencies are 4 ms for 71 queries, 201 for query 10 and 271 - 7k for k = 11..38; the 90th smallest. */
    private static double expectedP90() {
        double[] all = new double[100];
        for (int k = 0; k < 100; k++) {
            all[k] = k == 10 ? 201 : (k >= 11 && k <= 38) ? 271 - 7 * k : 4;
        }
        java.util.Arrays.sort(all);
        return all[89];
    }

    @Test
    void closedLoopSchedulesEachQueryAtThePreviousCompletion() {
        for (boolean synchronous : new boolean[] {false, true}) {
            FakeClock clock = new FakeClock(0);
            FakeClockSut sut = new FakeClockSut(clock, id -> 3 * MS, synchronous);
            TestSettings s = settings(new Scenario.SingleStream(), 30, 300);
            LoadGenResult r = new LoadGenerator(clock).run(sut, LIBRARY, s, 1, null);
            Metric.Distribution lat = dist(r, "latency");
            assertEquals(100, lat.count(), "300 ms / 3 ms, synchronous=" + synchronous);
            near(3.0, lat.p99(), "latency");
            assertEquals(0.0, dist(r, "issue_lag").max(), 1e-9, "no turnaround on a fake clock");
            Object warm = ((java.util.Map<?, ?>) r.details().get("warmup")).get("queries_completed");
            assertEquals(10L, ((Number) warm).longValue(), "30 ms warm-up / 3 ms");
            near(3.0, r.value("latency_p90_early_stopping"), "early-stopping estimate");
            assertEquals(1000.0 / 3, r.value("query_rate"), 0.5);
        }
    }

    @Test
    void multiStreamCountsEverySampleOfAQuery() {
        FakeClock clock = new FakeClock(0);
        FakeClockSut sut = new FakeClockSut(clock, id -> 8 * MS, false);
        TestSettings s = settings(new Scenario.MultiStream(8), 0, 800);
        LoadGenResult r = new LoadGenerator(clock).run(sut, LIBRARY, s, 2, null);
        assertEquals(100, dist(r, "latency").count());
        assertEquals(125.0, r.value("query_rate"), 0.5);
        assertEquals(125.0 * 8 * 2, r.value("throughput"), 2, "queries x samples per query x items per sample");
        assertTrue(r.metrics().containsKey("latency_p99_early_stopping"));
    }

    @Test
    void offlineLatencyRunsFromTheWaveStart() {
        FakeClock clock = new FakeClock(0);
        FakeClockSut sut = new FakeClockSut(clock, id -> 1 * MS, false);
        TestSettings s = settings(new Scenario.Offline(), 0, 100).withMinQueries(50);
        LoadGenResult r = new LoadGenerator(clock).run(sut, LIBRARY, s, 1, null);
        Metric.Distribution lat = dist(r, "latency");
        // Wave 1: 50 queries done at 1..50 ms; wave 2 fills the remaining 50 ms (x1.2 margin).
        assertTrue(lat.count() >= 100, lat.toString());
        near(1000.0, r.value("query_rate"), "one query per ms");
        assertTrue(r.check("min_duration").orElseThrow().passed(), r.checks().toString());
        assertTrue(r.check("issue_lag").isEmpty(), "offline has no issue-lag check");
    }
}
