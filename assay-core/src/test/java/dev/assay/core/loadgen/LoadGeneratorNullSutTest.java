package dev.assay.core.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.api.loadgen.Arrival;
import dev.assay.api.loadgen.Query;
import dev.assay.api.loadgen.ResponseSink;
import dev.assay.api.loadgen.Scenario;
import dev.assay.api.loadgen.SystemUnderTest;
import dev.assay.api.result.Check;
import dev.assay.api.result.Metric;
import dev.assay.core.bundle.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every scenario end to end against the null system under test, in real time. */
class LoadGeneratorNullSutTest {
    private static final EmptyLibrary LIBRARY = new EmptyLibrary(100);

    private static TestSettings settings(Scenario s, long millis) {
        return TestSettings.of(s, Duration.ofMillis(millis))
                .withDurations(Duration.ofMillis(50), Duration.ofMillis(millis), Duration.ofSeconds(20))
                .withMaxIssueLag(Duration.ofSeconds(1)); // correctness here, not speed: a busy CI box must not fail it
    }

    @Test
    void everyScenarioProducesTheContractMetrics() {
        List<Scenario> scenarios = List.of(new Scenario.SingleStream(), new Scenario.MultiStream(8),
                new Scenario.Server(20_000, new Arrival.Poisson()), new Scenario.Offline(), new Scenario.Concurrency(4));
        for (Scenario s : scenarios) {
            LoadGenResult r = new LoadGenerator().run(new NullSut(), LIBRARY, settings(s, 300).withMinQueries(100), 2, null);
            String what = s.id() + ": " + r.checks();
            assertTrue(r.valid(), what);
            for (String m : List.of("latency", "service_time", "issue_lag", "throughput", "query_rate", "errors")) {
                assertNotNull(r.metrics().get(m), s.id() + " lacks " + m);
            }
            Metric.Distribution lat = assertInstanceOf(Metric.Distribution.class, r.metrics().get("latency"), what);
            assertEquals("ms", lat.unit());
            assertEquals("us", ((Metric.Distribution) r.metrics().get("issue_lag")).unit());
            assertTrue(lat.count() >= 100, what);
            int spq = Scenarios.samplesPerQuery(s);
            assertEquals(r.value("query_rate") * spq * 2, r.value("throughput"), r.value("throughput") * 1e-9, what);
            assertEquals(s instanceof Scenario.Server, r.metrics().containsKey("scheduled_rate"), what);
            boolean stream = s instanceof Scenario.SingleStream || s instanceof Scenario.MultiStream;
            String es = "latency_" + (s instanceof Scenario.SingleStream ? "p90" : "p99") + "_early_stopping";
            assertEquals(stream, r.metrics().containsKey(es), what + " " + r.metrics().keySet());
            assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith("not a full-length run")), what);
            // details must serialise
            String json = Json.pretty(r.details());
            assertTrue(json.contains("percentile_method"), json);
        }
    }

    @Test
    void serverRunsAtItsScheduledRate() {
        LoadGenResult r = new LoadGenerator().run(new NullSut(), LIBRARY,
                settings(new Scenario.Server(5_000, new Arrival.Poisson()), 1000), 1, null);
        assertEquals(5_000, r.value("scheduled_rate"), 5_000 * 0.06);
        assertEquals(r.value("scheduled_rate"), r.value("query_rate"), r.value("scheduled_rate") * 0.05);
    }

    @Test
    void warmupIsExcludedAndReported() {
        TestSettings s = settings(new Scenario.Server(2_000, new Arrival.Constant()), 400)
                .withDurations(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofSeconds(10));
        LoadGenResult r = new LoadGenerator().run(new NullSut(), LIBRARY, s, 1, null);
        Map<?, ?> warm = (Map<?, ?>) r.details().get("warmup");
        long warmQueries = ((Number) warm.get("queries_completed")).longValue();
        assertEquals(400, warmQueries, 2, "200 ms at 2000 qps constant");
        long measured = ((Metric.Distribution) r.metrics().get("latency")).count();
        assertEquals(800, measured, 2, "400 ms at 2000 qps constant");
    }

    @Test
    void hlogHoldsTaggedIntervalsMatchingTheTotals(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("run.hlog");
        LoadGenResult r = new LoadGenerator().run(new NullSut(), LIBRARY,
                settings(new Scenario.Server(10_000, new Arrival.Poisson()), 500).withHlog(log), 1, null);
        assertEquals(log.toString(), r.details().get("hlog"));
        assertTrue(Files.size(log) > 0);
        long latency = 0;
        Set<String> tags = new HashSet<>();
        try (HistogramLogReader reader = new HistogramLogReader(log.toFile())) {
            EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram()) != null) {
                tags.add(h.getTag());
                if ("latency".equals(h.getTag())) {
                    latency += ((org.HdrHistogram.AbstractHistogram) h).getTotalCount();
                }
            }
        }
        assertTrue(tags.containsAll(Set.of("latency", "issue_lag", "service_time")), tags.toString());
        assertEquals(((Metric.Distribution) r.metrics().get("latency")).count(), latency);
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void unansweredAndDuplicateCompletionsFailTheCompletionsCheck() {
        // Drops every 10th query and completes every 7th twice.
        SystemUnderTest flaky = new SystemUnderTest() {
            public String name() {
                return "flaky";
            }

            public void issue(Query q, ResponseSink sink) {
                if (q.id() % 10 == 9) {
                    return;
                }
                sink.complete(q.id());
                if (q.id() % 7 == 0) {
                    sink.complete(q.id());
                }
            }

            public boolean synchronous() {
                return false;
            }
        };
        TestSettings s = settings(new Scenario.Server(1_000, new Arrival.Poisson()), 200)
                .withStability(0.1, Duration.ofMillis(200));
        LoadGenResult r = new LoadGenerator().run(flaky, LIBRARY, s, 1, null);
        Check c = r.check("completions").orElseThrow();
        assertTrue(!c.passed() && c.recommendation() != null, c.toString());
        Map<?, ?> gen = (Map<?, ?>) r.details().get("generator");
        long issued = ((Number) ((Map<?, ?>) r.details().get("measured")).get("queries_issued")).longValue();
        assertTrue(((Number) gen.get("outstanding_after_drain")).longValue() > 0, gen.toString());
        assertTrue(((Number) gen.get("protocol_errors")).longValue() > 0, gen.toString());
        assertTrue(issued > 100);
        assertTrue(!r.valid());
    }

    @Test
    void failuresAreErrorsNotFastCompletions() {
        SystemUnderTest failing = new SystemUnderTest() {
            public String name() {
                return "half-failing";
            }

            public void issue(Query q, ResponseSink sink) {
                if (q.id() % 2 == 0) {
                    sink.fail(q.id(), "boom");
                } else {
                    sink.complete(q.id());
                }
            }
        };
        LoadGenResult r = new LoadGenerator().run(failing, LIBRARY, settings(new Scenario.SingleStream(), 200), 1, null);
        Check errors = r.check("errors").orElseThrow();
        assertTrue(!errors.passed() && errors.recommendation().contains("boom"), errors.toString());
        long failed = (long) ((Metric.Value) r.metrics().get("errors")).value();
        long completed = ((Metric.Distribution) r.metrics().get("latency")).count();
        assertEquals(completed, failed, Math.max(2, completed / 100.0), "half of the queries fail");
    }

    @Test
    void aSystemThatFailsEverythingIsGivenUpOnEarly() {
        SystemUnderTest broken = new SystemUnderTest() {
            public String name() {
                return "broken";
            }

            public void issue(Query q, ResponseSink sink) {
                throw new IllegalStateException("not loaded");
            }
        };
        long start = System.nanoTime();
        LoadGenResult r = new LoadGenerator().run(broken, LIBRARY, settings(new Scenario.SingleStream(), 5000), 1, null);
        assertTrue(System.nanoTime() - start < 4_000_000_000L, "stops well before the 5 s minimum");
        assertTrue(!r.valid());
        assertTrue(String.valueOf(r.details().get("first_failure")).contains("not loaded"), r.details().toString());
    }

    @Test
    void progressLinesArrive() {
        List<String> lines = new ArrayList<>();
        new LoadGenerator().run(new NullSut(), LIBRARY, settings(new Scenario.Server(1_000, new Arrival.Poisson()), 2200),
                1, lines::add);
        assertTrue(lines.size() >= 1, lines.toString());
        assertTrue(lines.getLast().matches("server 1,000 qps: [0-9,]+ queries, p99 [0-9.]+ ms"), lines.getLast());
    }

    /** A synchronous SUT that takes 2 ms on the calling thread. */
    private static final SystemUnderTest SLEEPER = new SystemUnderTest() {
        public String name() {
            return "sleeper";
        }

        public void issue(Query q, ResponseSink sink) {
            java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
            sink.complete(q.id());
        }
    };

    @Test
    void synchronousSystemsGetRealConcurrency() {
        // Closed loop: one thread per stream. Open loop and offline: the issue pool.
        double one = new LoadGenerator().run(SLEEPER, LIBRARY, settings(new Scenario.Concurrency(1), 400), 1, null).value("query_rate");
        double four = new LoadGenerator().run(SLEEPER, LIBRARY, settings(new Scenario.Concurrency(4), 400), 1, null).value("query_rate");
        assertTrue(four > 2.5 * one, "concurrency 4: " + four + " queries/s vs 1: " + one);
        double pool1 = new LoadGenerator().run(SLEEPER, LIBRARY, settings(new Scenario.Offline(), 400).withIssueThreads(1), 1, null)
                .value("query_rate");
        double pool4 = new LoadGenerator().run(SLEEPER, LIBRARY, settings(new Scenario.Offline(), 400).withIssueThreads(4), 1, null)
                .value("query_rate");
        assertTrue(pool4 > 2.5 * pool1, "offline with 4 issue threads: " + pool4 + " queries/s vs 1: " + pool1);
    }
}
