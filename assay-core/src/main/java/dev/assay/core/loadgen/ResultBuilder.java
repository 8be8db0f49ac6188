package dev.assay.core.loadgen;

import dev.assay.api.loadgen.Arrival;
import dev.assay.api.loadgen.Scenario;
import dev.assay.api.result.Check;
import dev.assay.api.result.Metric;
import dev.assay.core.stats.EarlyStopping;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.HistogramIterationValue;

/** Turns a run's raw facts and histograms into metrics, validity checks, warnings and details. */
final class ResultBuilder {
    static final String PERCENTILE_METHOD = "HdrHistogram, 3 significant digits, nearest rank: the value at rank "
            + "ceil(p*n) of the n recorded values, reported as the highest value equivalent to its bucket (at most 0.1% above)";

    private final TestSettings settings;
    private final Scenario scenario;
    private final int itemsPerSample;
    private final int samplesPerQuery;
    private final String clock;
    private final int sampleCount;
    private final RunFacts facts;
    private final IntervalCollector c;
    private final List<Check> checks = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, Metric> metrics = new LinkedHashMap<>();
    private final Map<String, Object> details = new LinkedHashMap<>();

    ResultBuilder(TestSettings settings, int itemsPerSample, int samplesPerQuery, String clock, int sampleCount,
                  RunFacts facts, IntervalCollector collector) {
        this.settings = settings;
        this.scenario = settings.scenario();
        this.itemsPerSample = itemsPerSample;
        this.samplesPerQuery = samplesPerQuery;
        this.clock = clock;
        this.sampleCount = sampleCount;
        this.facts = facts;
        this.c = collector;
    }

    LoadGenResult build() {
        long measureStart = facts.measureStart;
        // The measured window runs from its start to the last measured completion, or, in an open
        // loop, to the scheduled time of the first query the run did not issue, if that is later:
        // the schedule covered the whole span even when the SUT finished its last query before it.
        long measuredEnd = c.lastDone != Long.MIN_VALUE ? c.lastDone : Math.max(facts.issueEnded, measureStart);
        if (facts.stopScheduled != Long.MIN_VALUE) {
            measuredEnd = Math.max(measuredEnd, facts.stopScheduled);
        }
        long windowNanos = Math.max(1, measuredEnd - measureStart);
        double windowS = windowNanos / 1e9;
        long completed = c.completed;
        long failed = c.failed;
        boolean offline = scenario instanceof Scenario.Offline;
        boolean server = scenario instanceof Scenario.Server;
        boolean streamHeadline = scenario instanceof Scenario.SingleStream || scenario instanceof Scenario.MultiStream;
        double p = settings.percentile();
        String pLabel = LoadGenResult.percentileLabel(p);

        String none = "no query completed in the measured window";
        metrics.put("latency", distribution(c.latency, 1e6, "ms", none));
        metrics.put("service_time", distribution(c.service, 1e6, "ms", none));
        metrics.put("issue_lag", distribution(c.issueLag, 1e3, "us", none));
        if (completed > 0) {
            metrics.put("throughput", new Metric.Value("samples/s", completed * (double) samplesPerQuery * itemsPerSample / windowS));
            metrics.put("query_rate", new Metric.Value("queries/s", completed / windowS));
        } else {
            metrics.put("throughput", new Metric.NotMeasured(none));
            metrics.put("query_rate", new Metric.NotMeasured(none));
        }
        double scheduledSpanS = Double.NaN;
        if (server) {
            long end = facts.stopScheduled != Long.MIN_VALUE ? facts.stopScheduled : facts.lastScheduled;
            scheduledSpanS = (end - measureStart) / 1e9;
            if (facts.measuredIssued > 0 && scheduledSpanS > 0) {
                metrics.put("scheduled_rate", new Metric.Value("queries/s", facts.measuredIssued / scheduledSpanS));
            } else {
                metrics.put("scheduled_rate", new Metric.NotMeasured("no query was scheduled in the measured window"));
            }
        }
        metrics.put("errors", new Metric.Value("queries", failed));

        // Early stopping.
        EarlyStopping es = EarlyStopping.forPercentile(p);
        Map<String, Object> esDetails = new LinkedHashMap<>();
        esDetails.put("percentile", p);
        esDetails.put("confidence", EarlyStopping.DEFAULT_CONFIDENCE);
        esDetails.put("tolerance", EarlyStopping.DEFAULT_TOLERANCE);
        double estimateMs = Double.NaN;
        if (streamHeadline) {
            long minimum = es.minimumQueries();
            long rank = es.estimateRank(completed);
            esDetails.put("minimum_queries", minimum);
            esDetails.put("queries", completed);
            esDetails.put("rank_from_top", rank);
            String metricName = "latency_" + pLabel + "_early_stopping";
            if (rank >= 1) {
                estimateMs = valueAtRankFromTop(c.latency, rank) / 1e6;
                metrics.put(metricName, new Metric.Value("ms", estimateMs));
                esDetails.put("estimate_ms", estimateMs);
                checks.add(new Check("early_stopping", true,
                        String.format(Locale.ROOT, "%,d queries: the %s estimate is the %,d-th largest latency (needs >= %,d queries)",
                                completed, pLabel, rank, minimum), null));
            } else {
                metrics.put(metricName, new Metric.NotMeasured(String.format(Locale.ROOT,
                        "%,d queries completed; an early-stopping %s estimate needs at least %,d", completed, pLabel, minimum)));
                checks.add(new Check("early_stopping", false,
                        String.format(Locale.ROOT, "%,d queries completed; an early-stopping %s estimate needs at least %,d",
                                completed, pLabel, minimum),
                        String.format(Locale.ROOT, "run at least %,d more queries (raise --duration or --min-queries)",
                                minimum - completed)));
            }
        } else if (server && settings.latencyBound() != null) {
            long t = c.overBound + failed;
            long n = facts.measuredIssued;
            long required = es.requiredQueries(t);
            esDetails.put("over_bound", t);
            esDetails.put("queries", n);
            esDetails.put("required", required);
            boolean ok = n >= required;
            checks.add(new Check("early_stopping", ok,
                    String.format(Locale.ROOT, "%,d queries, %,d over the %s bound (failures included): h(t)+t = %,d needed",
                            n, t, ms(settings.latencyBound().toNanos()), required),
                    ok ? null : String.format(Locale.ROOT, "run at least %,d more queries (raise --duration or --min-queries), "
                            + "or lower the load if the bound is rarely met", required - n)));
        }
        details.put("early_stopping", esDetails);

        // Basic counts.
        checks.add(0, minDurationCheck(windowNanos));
        checks.add(1, minQueriesCheck());
        checks.add(completionsCheck());
        checks.add(errorsCheck(failed));
        if (!offline) {
            issueLagCheck();
        }
        if (settings.latencyBound() != null && !offline) {
            latencyBoundCheck(streamHeadline, estimateMs, pLabel);
        } else if (settings.latencyBound() != null) {
            warnings.add("the latency bound is not applied to the offline scenario (all queries are issued at once)");
        }

        // Stability.
        Stability.Verdict stable = c.stability() == null ? null : c.stability().judge(measuredEnd);
        if (stable != null) {
            details.put("stability", stable.toMap());
            if (stable.unstable()) {
                warnings.add("unstable: " + stable.reason());
            }
        }

        // Warnings.
        if (windowNanos < LoadGenerator.FULL_LENGTH.toNanos()) {
            warnings.add(String.format(Locale.ROOT, "not a full-length run: the measured window was %.1f s, "
                    + "MLPerf requires at least 600 s; treat the result as indicative", windowS));
        }
        if (settings.maxIssueLag() == null && !offline) {
            warnings.add("issue lag was not checked (no bound set): a generator that fell behind would go unnoticed");
        }
        if (facts.slotWaits > 0) {
            warnings.add(String.format(Locale.ROOT, "%,d queries waited for an in-flight slot (more than %,d outstanding); "
                    + "that wait counts as issue lag", facts.slotWaits, facts.capacity));
        }
        if (facts.scheduleRefillWaits > 0 && server) {
            warnings.add(String.format(Locale.ROOT, "the issuer waited %,d times for the schedule to be generated", facts.scheduleRefillWaits));
        }
        if (facts.interrupted) {
            warnings.add(String.format(Locale.ROOT, "interrupted after %.1f s: these are partial results", (facts.issueEnded - facts.t0) / 1e9));
        }
        if (facts.flushProblem != null) {
            warnings.add("the system under test's flush() threw " + facts.flushProblem);
        }
        if (facts.hlogProblem != null) {
            warnings.add("interval histograms not written: " + facts.hlogProblem);
        }
        if (facts.lateCompletions > 0) {
            warnings.add(String.format(Locale.ROOT, "%,d completions arrived after the drain timeout and were not recorded", facts.lateCompletions));
        }
        if (server && ((Scenario.Server) scenario).arrival() instanceof Arrival.Trace t) {
            warnings.add(String.format(Locale.ROOT, "trace %s replayed time-scaled from its natural %.2f queries/s to %.2f queries/s",
                    t.source(), ArrivalGenerator.naturalRate(t), ((Scenario.Server) scenario).targetQps()));
        }

        // Details.
        details.put("percentile_method", PERCENTILE_METHOD);
        details.put("clock", clock);
        Map<String, Object> sc = new LinkedHashMap<>();
        sc.put("id", scenario.id());
        sc.putAll(Scenarios.parameters(scenario));
        details.put("scenario", sc);
        Map<String, Object> warm = new LinkedHashMap<>();
        warm.put("requested_s", settings.warmup().toNanos() / 1e9);
        warm.put("duration_s", (measureStart - facts.t0) / 1e9);
        warm.put("queries_completed", c.warmCompleted);
        warm.put("queries_failed", c.warmFailed);
        if (offline) {
            warm.put("queries_issued", facts.offlineWarmupQueries);
            warm.put("rate_estimate_qps", Double.isNaN(facts.offlineWarmupRate) ? null : facts.offlineWarmupRate);
        }
        warm.put("latency_ms", summary(c.warmLatency));
        warm.put("excluded", "warm-up queries are excluded from every metric");
        details.put("warmup", warm);
        Map<String, Object> measured = new LinkedHashMap<>();
        measured.put("duration_s", windowS);
        if (server) {
            measured.put("scheduled_span_s", scheduledSpanS);
        }
        measured.put("queries_issued", facts.measuredIssued);
        measured.put("queries_completed", completed);
        measured.put("queries_failed", failed);
        measured.put("queries_over_bound", settings.latencyBound() == null ? null : c.overBound);
        measured.put("samples_per_query", samplesPerQuery);
        measured.put("items_per_sample", itemsPerSample);
        measured.put("end_reason", facts.endReason);
        details.put("measured", measured);
        Map<String, Object> schedule = new LinkedHashMap<>();
        schedule.put("seed", settings.seed());
        schedule.put("sample_order", "sample indices are a hash of (seed, query id, position) over the loaded samples");
        schedule.put("performance_samples", sampleCount);
        if (server) {
            schedule.put("arrival_offsets_generated_before_run", facts.schedulePrefilled);
            schedule.put("arrival_offsets_used", facts.scheduleConsumed);
        } else if (offline) {
            schedule.put("rule", "all queries of a wave are scheduled at the wave's start; waves repeat until the minimum "
                    + "duration and query count are covered");
            schedule.put("waves", facts.offlineWaves);
        } else {
            schedule.put("rule", "each query is scheduled at the completion that freed its stream");
        }
        details.put("schedule", schedule);
        Map<String, Object> gen = new LinkedHashMap<>();
        gen.put("sut_synchronous", facts.sutSynchronous);
        gen.put("issue_threads", facts.issueThreads == 0 ? 1 : facts.issueThreads);
        gen.put("in_flight_capacity", facts.capacity);
        gen.put("slot_waits", facts.slotWaits);
        gen.put("protocol_errors", facts.protocolErrors);
        gen.put("outstanding_after_drain", facts.outstandingAfterDrain);
        gen.put("issue_lag_rule", "issued - scheduled; for a synchronous SUT in server/offline, issued = handed to the issue pool");
        details.put("generator", gen);
        details.put("hlog", facts.hlogPath == null ? null : facts.hlogPath.toString());
        if (facts.firstFailure != null) {
            details.put("first_failure", facts.firstFailure);
        }
        return new LoadGenResult(metrics, checks, warnings, details, c.latency.copy());
    }

    private Check minDurationCheck(long windowNanos) {
        long required = settings.minDuration().toNanos();
        boolean ok = windowNanos >= required;
        String rec = null;
        if (!ok) {
            if (facts.interrupted) {
                rec = "the run was interrupted; run it again to completion";
            } else if ("the arrival schedule ended".equals(facts.endReason)) {
                rec = "the trace is too short at this rate: use a longer trace or a lower --qps";
            } else if (facts.failFast || facts.outstandingAfterDrain > 0 || (facts.endReason != null && facts.endReason.startsWith("no completion"))) {
                rec = "the system under test stopped answering; fix it and run again";
            } else {
                rec = "raise --duration";
            }
        }
        return new Check("min_duration", ok, String.format(Locale.ROOT, "measured window %.2f s, required %.2f s",
                windowNanos / 1e9, required / 1e9), rec);
    }

    private Check minQueriesCheck() {
        long n = facts.measuredIssued;
        long required = settings.minQueries();
        boolean ok = n >= required;
        return new Check("min_queries", ok, String.format(Locale.ROOT, "%,d queries in the measured window, required %,d", n, required),
                ok ? null : String.format(Locale.ROOT, "run at least %,d more queries (raise --duration%s)", required - n,
                        scenario instanceof Scenario.Server ? " or --qps" : ""));
    }

    private Check completionsCheck() {
        boolean ok = facts.outstandingAfterDrain == 0 && facts.protocolErrors == 0;
        String detail = String.format(Locale.ROOT, "%,d queries issued; %,d unanswered after the %.0f s drain timeout; %,d completions for queries not in flight",
                facts.issued, facts.outstandingAfterDrain, settings.drainTimeout().toNanos() / 1e9, facts.protocolErrors);
        String rec = null;
        if (!ok) {
            rec = facts.protocolErrors > 0
                    ? "the system under test reported completions for unknown or already completed queries (first: "
                    + facts.firstProtocolError + "); every query must be completed exactly once"
                    : "the system under test left queries unanswered; fix it, or raise the drain timeout if it is just slow";
        }
        return new Check("completions", ok, detail, rec);
    }

    private Check errorsCheck(long failed) {
        boolean ok = failed == 0;
        return new Check("errors", ok, String.format(Locale.ROOT, "%,d measured queries failed", failed),
                ok ? null : "the system under test failed queries (first: " + facts.firstFailure
                        + "); failures are excluded from latency and throughput and count as over the bound");
    }

    private void issueLagCheck() {
        if (settings.maxIssueLag() == null) {
            return;
        }
        long bound = settings.maxIssueLag().toNanos();
        if (c.issueLag.getTotalCount() == 0) {
            checks.add(new Check("issue_lag", true, "no measured query completed, so no issue lag to judge", null));
            return;
        }
        long p99 = c.issueLag.getValueAtPercentile(99.0);
        boolean ok = p99 <= bound;
        String detail = String.format(Locale.ROOT, "issue lag p99 %s (bound %s), max %s", us(p99), us(bound), us(c.issueLag.getMaxValue()));
        checks.add(new Check("issue_lag", ok, ok ? detail : "the load generator fell behind: " + detail,
                ok ? null : "this run says nothing about the system under test: the generator could not issue on schedule. "
                        + "Lower the rate, run on a quieter machine or with more cores (see 'assay selftest')"));
    }

    private void latencyBoundCheck(boolean streamHeadline, double estimateMs, String pLabel) {
        double boundMs = settings.latencyBound().toNanos() / 1e6;
        double valueMs;
        String what;
        if (streamHeadline) {
            valueMs = estimateMs;
            what = "early-stopping " + pLabel + " estimate";
        } else {
            valueMs = c.latency.getTotalCount() == 0 ? Double.NaN : c.latency.getValueAtPercentile(settings.percentile() * 100) / 1e6;
            what = pLabel + " latency";
        }
        if (Double.isNaN(valueMs)) {
            checks.add(new Check("latency_bound", false, "no " + what + " to compare with the " + fmt(boundMs) + " ms bound",
                    "run more queries"));
            return;
        }
        boolean ok = valueMs <= boundMs;
        checks.add(new Check("latency_bound", ok, String.format(Locale.ROOT, "%s %s ms, bound %s ms", what, fmt(valueMs), fmt(boundMs)),
                ok ? null : scenario instanceof Scenario.Server
                        ? "lower --qps, or use --find-peak to find the highest rate that meets the bound"
                        : "the system under test is slower than the bound at this operating point (try a smaller batch or another backend)"));
    }

    /** The t-th largest recorded value (t >= 1), as the highest equivalent value of its bucket. */
    static long valueAtRankFromTop(AbstractHistogram h, long t) {
        long n = h.getTotalCount();
        long rankAscending = n - t + 1;
        long cumulative = 0;
        for (HistogramIterationValue v : h.recordedValues()) {
            cumulative += v.getCountAtValueIteratedTo();
            if (cumulative >= rankAscending) {
                return h.highestEquivalentValue(v.getValueIteratedTo());
            }
        }
        return h.getMaxValue();
    }

    static Metric distribution(AbstractHistogram h, double divisor, String unit, String whyMissing) {
        if (h.getTotalCount() == 0) {
            return new Metric.NotMeasured(whyMissing);
        }
        return new Metric.Distribution(unit, h.getValueAtPercentile(50) / divisor, h.getValueAtPercentile(90) / divisor,
                h.getValueAtPercentile(99) / divisor, h.getValueAtPercentile(99.9) / divisor,
                h.highestEquivalentValue(h.getMaxValue()) / divisor, h.getMean() / divisor, h.getTotalCount());
    }

    private static Map<String, Object> summary(AbstractHistogram h) {
        if (h.getTotalCount() == 0) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("p50", h.getValueAtPercentile(50) / 1e6);
        m.put("p99", h.getValueAtPercentile(99) / 1e6);
        m.put("max", h.highestEquivalentValue(h.getMaxValue()) / 1e6);
        m.put("count", h.getTotalCount());
        return m;
    }

    private static String ms(long nanos) {
        return fmt(nanos / 1e6) + " ms";
    }

    private static String us(long nanos) {
        return fmt(nanos / 1e3) + " us";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.2f", v);
    }
}
