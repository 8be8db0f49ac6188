package dev.assay.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.assay.api.AssayException;
import dev.assay.api.backend.Availability;
import dev.assay.api.backend.Backend;
import dev.assay.api.backend.BackendProvider;
import dev.assay.api.backend.PreparedWorkload;
import dev.assay.api.backend.WorkloadRequest;
import dev.assay.api.loadgen.Query;
import dev.assay.api.loadgen.ResponseSink;
import dev.assay.api.loadgen.Scenario;
import dev.assay.core.loadgen.LoadGenResult;
import dev.assay.core.loadgen.LoadGenerator;
import dev.assay.core.loadgen.TestSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The contract every backend must keep, as a JUnit 5 test to extend: name it, tell it what to
 * prepare, and it checks that the provider is discoverable and cheap, that an unavailable backend
 * says why, that a prepared workload completes every issued query exactly once through the sink,
 * that it runs under the load generator, and that closing is idempotent.
 *
 * <pre>{@code
 * class OnnxConformanceTest extends BackendConformanceTest {
 *     protected BackendProvider provider() { return new OnnxRuntimeProvider(); }
 *     protected WorkloadRequest request() { return new WorkloadRequest("mlp", null, Precision.FP32, 1, 0, 1, Map.of()); }
 * }
 * }</pre>
 *
 * Tests that need the backend are skipped (not failed) when it reports itself unavailable.
 */
public abstract class BackendConformanceTest {
    /** The provider under test. */
    protected abstract BackendProvider provider();

    /** A small workload the backend can prepare quickly. */
    protected abstract WorkloadRequest request();

    /** Queries issued by the exactly-once test. */
    protected int queries() {
        return 32;
    }

    /** How long completions may take in total. */
    protected Duration completionTimeout() {
        return Duration.ofSeconds(60);
    }

    @Test
    public void nameIsAStableLowerCaseId() {
        String name = provider().name();
        assertNotNull(name, "provider name");
        assertTrue(name.matches("[a-z][a-z0-9-]*"), "provider name must be a lower-case id, was '" + name + "'");
        assertEquals(name, provider().name(), "name must not change between calls");
        assertFalse(provider().description() == null || provider().description().isBlank(), "description must not be blank");
    }

    @Test
    public void isDiscoverableThroughServiceLoader() {
        Class<?> type = provider().getClass();
        List<String> found = new ArrayList<>();
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) {
            found.add(p.getClass().getName());
        }
        assertTrue(found.contains(type.getName()), type.getName() + " is not registered in META-INF/services (found " + found + ")");
    }

    @Test
    public void availabilityHasAReasonWhenUnavailable() {
        Availability a = provider().availability();
        assertNotNull(a, "availability must not be null");
        if (a instanceof Availability.Unavailable u) {
            assertFalse(u.reason() == null || u.reason().isBlank(), "an unavailable backend must say why");
            assertFalse(a.available());
        } else {
            assertTrue(a.available());
        }
    }

    @Test
    public void prepareAndIssueCompletesEveryQueryExactlyOnce() throws Exception {
        assumeAvailable();
        WorkloadRequest request = request();
        try (Backend backend = provider().create(); PreparedWorkload w = backend.prepare(request)) {
            assertEquals(request.batch(), w.itemsPerSample(), "items per sample must be the batch size");
            assertNotNull(backend.spec(), "backend spec");
            int perf = Math.max(1, Math.min(w.library().performanceSampleCount(), w.library().totalSampleCount()));
            int[] loaded = new int[perf];
            for (int i = 0; i < perf; i++) {
                loaded[i] = i;
            }
            w.library().loadSamples(loaded);
            Map<Long, AtomicInteger> completions = new ConcurrentHashMap<>();
            Map<Long, String> failures = new ConcurrentHashMap<>();
            List<Long> unknown = java.util.Collections.synchronizedList(new ArrayList<>());
            int n = queries();
            ResponseSink sink = new ResponseSink() {
                @Override
                public void complete(long queryId) {
                    count(queryId);
                }

                @Override
                public void fail(long queryId, String reason) {
                    failures.put(queryId, reason);
                    count(queryId);
                }

                private void count(long queryId) {
                    if (queryId < 0 || queryId >= n) {
                        unknown.add(queryId);
                        return;
                    }
                    completions.computeIfAbsent(queryId, k -> new AtomicInteger()).incrementAndGet();
                }
            };
            for (int i = 0; i < n; i++) {
                w.sut().issue(new Query(i, new int[] {i % perf}), sink);
            }
            w.sut().flush();
            long deadline = System.nanoTime() + completionTimeout().toNanos();
            while (completions.size() < n && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(50); // let any duplicate completion arrive before judging
            w.library().unloadSamples(loaded);
            assertEquals(List.of(), unknown, "completions for ids that were never issued");
            assertEquals(Map.of(), failures, "queries failed");
            assertEquals(n, completions.size(), "every issued query must complete within " + completionTimeout());
            completions.forEach((id, c) -> assertEquals(1, c.get(), "query " + id + " completed " + c.get() + " times"));
        }
    }

    @Test
    public void runsUnderTheLoadGenerator() throws Exception {
        assumeAvailable();
        try (Backend backend = provider().create(); PreparedWorkload w = backend.prepare(request())) {
            TestSettings s = TestSettings.of(new Scenario.SingleStream(), Duration.ofMillis(300))
                    .withDurations(Duration.ofMillis(50), Duration.ofMillis(300), Duration.ofSeconds(30));
            LoadGenResult r = new LoadGenerator().run(w.sut(), w.library(), s, w.itemsPerSample(), null);
            assertTrue(r.check("completions").orElseThrow().passed(), "completions: " + r.check("completions").orElseThrow());
            assertTrue(r.check("errors").orElseThrow().passed(), "errors: " + r.check("errors").orElseThrow());
            assertTrue(r.value("throughput") > 0, "throughput must be positive: " + r.metrics());
        }
    }

    @Test
    public void closeIsIdempotent() throws Exception {
        assumeAvailable();
        Backend backend = provider().create();
        PreparedWorkload w;
        try {
            w = backend.prepare(request());
        } catch (AssayException e) {
            backend.close();
            fail("prepare failed: " + e.getMessage());
            return;
        }
        w.close();
        w.close();
        backend.close();
        backend.close();
    }

    private void assumeAvailable() {
        Availability a = provider().availability();
        assumeTrue(a.available(), () -> provider().name() + " unavailable: "
                + (a instanceof Availability.Unavailable u ? u.reason() : "?"));
    }
}
