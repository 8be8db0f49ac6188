package dev.assay.core.loadgen;

import dev.assay.api.loadgen.Arrival;
import dev.assay.api.loadgen.Scenario;
import dev.assay.api.result.Check;
import dev.assay.api.result.Metric;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Measures the load generator against {@link NullSut}: timer resolution and cost, per-query
 * overhead in single-stream, issue lag at 100k queries/s, and the highest server rate that stays
 * valid. The short form (about 3 s) runs before every {@code assay run} so a result measured by an
 * overloaded generator is visible as such; the full form refines the maximum rate by bisection.
 *
 * <p>"Valid" for the maximum rate means every check of the run passed with a 1 ms issue-lag bound
 * (p99), a 1 ms latency bound at p99 with early stopping, and every query completed: the generator
 * kept its schedule to within a millisecond for 99% of queries.
 */
public final class SelfTest {
    private static final Duration LAG_BOUND = Duration.ofMillis(1);

    private record Form(String name, int timerCalls, Duration warmRun, Duration overheadRun, Duration lagRun,
                        Duration probeRun, Duration probeWarmup, double startQps, int maxProbes, double precision) {
    }

    private static final Form SHORT = new Form("short", 200_000, Duration.ofMillis(150), Duration.ofMillis(300),
            Duration.ofMillis(400), Duration.ofMillis(300), Duration.ofMillis(100), 300_000, 3, 1.0);
    private static final Form FULL = new Form("full", 5_000_000, Duration.ofMillis(500), Duration.ofSeconds(2),
            Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(300), 100_000, 16, 0.05);

    private SelfTest() {
    }

    /** The short form (about 3 s), run before every {@code assay run}. */
    public static SelfTestReport quick(Consumer<String> progress) {
        return run(SHORT, progress);
    }

    /** The full form ({@code assay selftest}, about half a minute). */
    public static SelfTestReport full(Consumer<String> progress) {
        return run(FULL, progress);
    }

    private static SelfTestReport run(Form form, Consumer<String> progress) {
        Consumer<String> out = progress == null ? s -> { } : progress;
        LoadGenerator gen = new LoadGenerator();
        NullSut sut = new NullSut();
        EmptyLibrary qsl = new EmptyLibrary(1024);
        Map<String, Object> details = new LinkedHashMap<>();
        long started = System.nanoTime();

        // Timer.
        timer(form.timerCalls()); // first pass compiles the loop; the second is measured
        long[] timer = timer(form.timerCalls());
        out.accept(String.format(Locale.ROOT, "selftest: timer resolution %d ns, cost %.1f ns per call", timer[0], timer[1] / 1000.0));

        // JIT warm-up of the issue paths, not reported.
        gen.run(sut, qsl, settings(new Scenario.SingleStream(), Duration.ZERO, form.warmRun()), 1, null);
        gen.run(sut, qsl, settings(new Scenario.Server(100_000, new Arrival.Poisson()), Duration.ZERO, form.warmRun()), 1, null);

        // Per-query overhead, single-stream.
        LoadGenResult ss = gen.run(sut, qsl, settings(new Scenario.SingleStream(), Duration.ofMillis(100), form.overheadRun()), 1, null);
        double qps = ss.value("query_rate");
        double overheadNs = qps > 0 ? 1e9 / qps : Double.NaN;
        Map<String, Object> ssd = new LinkedHashMap<>();
        ssd.put("queries", ss.details().get("measured") instanceof Map<?, ?> m ? m.get("queries_completed") : null);
        ssd.put("query_rate", qps);
        ssd.put("latency_ns", distributionNs(ss.metrics().get("latency")));
        ssd.put("valid", ss.valid());
        details.put("single_stream", ssd);
        out.accept(String.format(Locale.ROOT, "selftest: single-stream overhead %.0f ns per query", overheadNs));

        // Issue lag at 100k queries/s.
        LoadGenResult lag = gen.run(sut, qsl, settings(new Scenario.Server(100_000, new Arrival.Poisson()),
                Duration.ofMillis(200), form.lagRun()), 1, null);
        double lagP99Ns = lag.metrics().get("issue_lag") instanceof Metric.Distribution d ? d.p99() * 1e3 : Double.NaN;
        Map<String, Object> lagd = new LinkedHashMap<>();
        lagd.put("issue_lag_ns", distributionNs(lag.metrics().get("issue_lag"), 1e3));
        lagd.put("scheduled_rate", lag.value("scheduled_rate"));
        lagd.put("query_rate", lag.value("query_rate"));
        lagd.put("valid", lag.valid());
        details.put("server_100k", lagd);
        out.accept(String.format(Locale.ROOT, "selftest: issue lag p99 at 100k qps %.1f us", lagP99Ns / 1e3));

        // Highest valid server rate.
        List<Map<String, Object>> probes = new ArrayList<>();
        double low = Double.NaN;
        double high = Double.NaN;
        double rate = form.startQps();
        while (probes.size() < form.maxProbes()) {
            boolean ok = probe(gen, sut, qsl, form, rate, probes, out);
            if (ok) {
                low = rate;
                if (!Double.isNaN(high)) {
                    break;
                }
                if (rate >= 20_000_000) {
                    break;
                }
                rate *= 2;
            } else {
                high = rate;
                if (!Double.isNaN(low) || rate < 1000) {
                    break;
                }
                rate /= 2;
            }
        }
        while (!Double.isNaN(low) && !Double.isNaN(high) && (high - low) / low > form.precision()
                && probes.size() < form.maxProbes()) {
            double mid = (low + high) / 2;
            if (probe(gen, sut, qsl, form, mid, probes, out)) {
                low = mid;
            } else {
                high = mid;
            }
        }
        double maxValid = Double.isNaN(low) ? 0 : low;
        Map<String, Object> maxd = new LinkedHashMap<>();
        maxd.put("criterion", "every validity check passed: issue lag p99 <= 1 ms, latency p99 <= 1 ms with early stopping, "
                + "all queries completed; Poisson arrivals, " + form.probeRun().toMillis() + " ms measured per probe");
        maxd.put("resolution", Double.isNaN(high) ? "no failing rate found below the probe limit"
                : String.format(Locale.ROOT, "first failing rate %.0f queries/s; the true limit lies between", high));
        maxd.put("probes", probes);
        details.put("server_max_valid", maxd);
        details.put("available_processors", Runtime.getRuntime().availableProcessors());
        details.put("took_s", (System.nanoTime() - started) / 1e9);
        out.accept(String.format(Locale.ROOT, "selftest: highest valid server rate %.0f qps", maxValid));
        return new SelfTestReport(form.name(), timer[0], timer[1] / 1000.0, overheadNs, lagP99Ns, maxValid, details);
    }

    private static boolean probe(LoadGenerator gen, NullSut sut, EmptyLibrary qsl, Form form, double rate,
                                 List<Map<String, Object>> probes, Consumer<String> out) {
        TestSettings s = settings(new Scenario.Server(rate, new Arrival.Poisson()), form.probeWarmup(), form.probeRun())
                .withLatencyBound(LAG_BOUND, 0.99);
        LoadGenResult r = gen.run(sut, qsl, s, 1, null);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("scheduled_qps", rate);
        p.put("achieved_qps", SaturationProbe.nanToNull(r.value("query_rate")));
        p.put("issue_lag_p99_us", r.metrics().get("issue_lag") instanceof Metric.Distribution d ? d.p99() : null);
        p.put("valid", r.valid());
        p.put("failed_checks", r.checks().stream().filter(c -> !c.passed()).map(Check::name).toList());
        probes.add(p);
        out.accept(String.format(Locale.ROOT, "selftest: server %.0f qps %s", rate, r.valid() ? "valid" : "invalid"));
        return r.valid();
    }

    private static TestSettings settings(Scenario scenario, Duration warmup, Duration duration) {
        return new TestSettings(scenario, duration, duration.multipliedBy(2), 1, warmup, null,
                scenario instanceof Scenario.SingleStream ? 0.9 : 0.99, 1, LAG_BOUND, null)
                .withStability(TestSettings.DEFAULT_STABILITY_TOLERANCE, Duration.ofSeconds(10));
    }

    /** [resolution ns, cost in picoseconds] of System.nanoTime over {@code calls} calls. */
    static long[] timer(int calls) {
        long minStep = Long.MAX_VALUE;
        long previous = System.nanoTime();
        long start = previous;
        for (int i = 0; i < calls; i++) {
            long now = System.nanoTime();
            long step = now - previous;
            if (step > 0 && step < minStep) {
                minStep = step;
            }
            previous = now;
        }
        long elapsed = previous - start;
        return new long[] {minStep == Long.MAX_VALUE ? 0 : minStep, elapsed * 1000 / Math.max(1, calls)};
    }

    private static Map<String, Object> distributionNs(Metric m) {
        return distributionNs(m, 1e6);
    }

    private static Map<String, Object> distributionNs(Metric m, double toNs) {
        if (!(m instanceof Metric.Distribution d)) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("p50", d.p50() * toNs);
        out.put("p99", d.p99() * toNs);
        out.put("p999", d.p999() * toNs);
        out.put("max", d.max() * toNs);
        out.put("count", d.count());
        return out;
    }
}
