package dev.assay.core.suite;

import dev.assay.api.AssayException;
import dev.assay.api.Precision;
import dev.assay.api.backend.WorkloadRequest;
import dev.assay.api.loadgen.Scenario;
import dev.assay.api.training.TrainingRequest;
import dev.assay.core.loadgen.TestSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves a suite and the command line's overrides into the list of configurations to run
 * and the effective settings that go into run.json. Precedence: CLI &gt; suite entry &gt;
 * suite defaults &gt; built-in defaults.
 */
public final class Planner {
    /** Built-in defaults, disclosed in run.json's {@code effective} block. */
    static final String DEFAULT_DURATION = "10s";
    static final String DEFAULT_WARMUP = "2s";
    static final long DEFAULT_MIN_QUERIES = 64;
    static final long DEFAULT_SEED = 42;
    static final Duration DEFAULT_MAX_ISSUE_LAG = Duration.ofMillis(1);
    static final int DEFAULT_TRAINING_STEPS = 50;
    static final int DEFAULT_TRAINING_WARMUP_STEPS = 5;

    private Planner() {
    }

    /** The plan plus the settings as requested and as resolved. */
    public record Plan(String suite, List<PlannedRun> runs, Map<String, Object> requested, Map<String, Object> effective) {
        public Plan {
            runs = List.copyOf(runs);
        }
    }

    public static Plan plan(SuiteSpec suite, Overrides cli) throws AssayException {
        List<RunSpec> entries = new ArrayList<>();
        if (cli.adHoc()) {
            entries.add(adHocEntry(cli));
        } else {
            for (RunSpec r : suite.runs()) {
                if (cli.workload() == null || cli.workload().equals(r.workload())) {
                    entries.add(r);
                }
            }
            if (entries.isEmpty()) {
                throw AssayException.badInput(cli.workload() == null ? "suite " + suite.name() + " has no entries"
                        : "suite " + suite.name() + " has no entry for workload '" + cli.workload() + "'");
            }
        }
        RunDefaults d = suite.defaults();
        List<PlannedRun> runs = new ArrayList<>();
        List<Map<String, Object>> effectiveEntries = new ArrayList<>();
        for (RunSpec e : entries) {
            expand(e, d, cli, runs, effectiveEntries);
        }
        Map<String, Object> requested = new LinkedHashMap<>();
        requested.put("suite", suite.name());
        requested.put("suite_defaults", d);
        requested.put("suite_entries", entries);
        requested.put("cli", cli);
        Map<String, Object> effective = new LinkedHashMap<>();
        effective.put("entries", effectiveEntries);
        effective.put("configurations", runs.size());
        return new Plan(suite.name(), runs, requested, effective);
    }

    private static RunSpec adHocEntry(Overrides cli) throws AssayException {
        String model = cli.model();
        String workload = cli.workload();
        if (model != null) {
            Path p = Path.of(model);
            if (!Files.exists(p)) {
                throw AssayException.badInput("model file not found: " + model);
            }
            if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
                throw AssayException.badInput("model file is not a readable file: " + model);
            }
            if (workload == null) {
                workload = p.getFileName().toString().replaceFirst("\\.onnx$", "");
            }
        }
        if (workload == null) {
            workload = "synthetic".equals(cli.backend()) ? "synthetic" : "mlp";
        }
        String backend = cli.backend() != null ? cli.backend() : "onnxruntime";
        return new RunSpec(workload, model, backend, "inference", List.of(), List.of(), List.of(), List.of(), null,
                null, null, null, null, null, null, null, null, Map.of());
    }

    private static void expand(RunSpec e, RunDefaults d, Overrides cli, List<PlannedRun> out,
                               List<Map<String, Object>> effectiveOut) throws AssayException {
        String phase = e.phase() == null ? "inference" : e.phase();
        String backend = cli.backend() != null ? cli.backend() : e.backend();
        if (backend == null) {
            throw AssayException.badInput("suite entry for workload '" + e.workload() + "' names no backend");
        }
        List<Precision> precisions = new ArrayList<>();
        for (String p : first(cli.precisions(), e.precisions(), List.of("fp32"))) {
            precisions.add(Precision.parse(p));
        }
        List<Integer> batches = first(cli.batches(), e.batches(), List.of(1));
        for (int b : batches) {
            if (b < 1) {
                throw AssayException.badInput("batch sizes must be >= 1, was " + b);
            }
        }
        List<Integer> seqLens = first(cli.seqLens(), e.seqLens(), List.of(0));
        long seed = cli.seed() != null ? cli.seed() : d.seed() != null ? d.seed() : DEFAULT_SEED;
        Map<String, String> options = new LinkedHashMap<>(e.options());
        options.putAll(cli.options());

        Map<String, Object> eff = new LinkedHashMap<>();
        eff.put("workload", e.workload());
        eff.put("model", e.model());
        eff.put("backend", backend);
        eff.put("phase", phase);
        eff.put("precisions", precisions.stream().map(Precision::id).toList());
        eff.put("batches", batches);
        eff.put("seq_lens", seqLens);
        eff.put("seed", seed);
        eff.put("options", options);

        if (phase.equals("training")) {
            int steps = e.steps() != null ? e.steps() : DEFAULT_TRAINING_STEPS;
            int warm = e.warmupSteps() != null ? e.warmupSteps() : DEFAULT_TRAINING_WARMUP_STEPS;
            eff.put("steps", steps);
            eff.put("warmup_steps", warm);
            effectiveOut.add(eff);
            for (Precision p : precisions) {
                for (int b : batches) {
                    for (int s : seqLens) {
                        out.add(new PlannedRun.Training(backend,
                                new TrainingRequest(e.workload(), p, b, s, steps, warm, seed, null, options)));
                    }
                }
            }
            return;
        }
        if (!phase.equals("inference")) {
            throw AssayException.badInput("suite entry phase must be 'inference' or 'training', was '" + phase + "'");
        }

        List<String> scenarioIds = cli.scenario() != null ? List.of(cli.scenario())
                : cli.findPeak() ? List.of("server") : first(List.of(), e.scenarios(), List.of("single-stream", "offline"));
        Duration duration = Durations.parse(firstNonNull(cli.duration(), e.duration(), d.duration(), DEFAULT_DURATION), "duration");
        Duration warmup = Durations.parse(firstNonNull(e.warmup(), d.warmup(), DEFAULT_WARMUP), "warm-up");
        Duration maxDuration = d.maxDuration() != null ? Durations.parse(d.maxDuration(), "maximum duration")
                : duration.multipliedBy(4).plusSeconds(10);
        if (maxDuration.compareTo(duration) < 0) {
            maxDuration = duration;
        }
        long minQueries = cli.minQueries() != null ? cli.minQueries() : e.minQueries() != null ? e.minQueries()
                : d.minQueries() != null ? d.minQueries() : DEFAULT_MIN_QUERIES;
        if (minQueries < 1) {
            throw AssayException.badInput("--min-queries must be >= 1, was " + minQueries);
        }
        String boundText = firstNonNull(cli.latencyBound(), d.latencyBound());
        Duration bound = boundText == null ? null : Durations.parse(boundText, "latency bound");
        if (bound != null && bound.isZero()) {
            throw AssayException.badInput("--latency-bound must be > 0");
        }
        if (cli.findPeak() && bound == null) {
            throw AssayException.badInput("--find-peak needs --latency-bound (e.g. --latency-bound 10ms)");
        }
        Double pct = cli.percentile() != null ? cli.percentile() : d.percentile();
        if (pct != null) {
            pct = pct > 1 ? pct / 100.0 : pct;
            if (!(pct > 0 && pct < 1)) {
                throw AssayException.badInput("--percentile must be in (0, 100), was " + cli.percentile());
            }
        }
        int repeats = cli.repeats() != null ? cli.repeats() : d.repeats() != null ? d.repeats() : 1;
        if (repeats < 1) {
            throw AssayException.badInput("--repeats must be >= 1, was " + repeats);
        }
        Double qps = cli.qps() != null ? cli.qps() : e.qps();
        String arrival = firstNonNull(cli.arrival(), e.arrival());
        Integer concurrency = cli.concurrency() != null ? cli.concurrency() : e.concurrency();
        Integer spq = cli.samplesPerQuery() != null ? cli.samplesPerQuery() : e.samplesPerQuery();
        if (cli.findPeak() && qps == null) {
            qps = 100.0; // starting rate of the exponential widening; the search moves away from it
        }
        eff.put("scenarios", scenarioIds);
        eff.put("duration", Durations.format(duration));
        eff.put("max_duration", Durations.format(maxDuration));
        eff.put("warmup", Durations.format(warmup));
        eff.put("min_queries", minQueries);
        eff.put("latency_bound", bound == null ? null : Durations.format(bound));
        eff.put("max_issue_lag", Durations.format(DEFAULT_MAX_ISSUE_LAG));
        eff.put("repeats", repeats);
        eff.put("find_peak", cli.findPeak());
        eff.put("qps", qps);
        eff.put("arrival", arrival == null ? "poisson" : arrival);
        eff.put("concurrency", concurrency);
        eff.put("samples_per_query", spq);
        effectiveOut.add(eff);

        for (Precision p : precisions) {
            for (int b : batches) {
                for (int s : seqLens) {
                    WorkloadRequest req = new WorkloadRequest(e.workload(), e.model() == null ? null : Path.of(e.model()),
                            p, b, s, seed, options);
                    for (String sid : scenarioIds) {
                        Scenario sc = Scenarios.parse(sid, qps, arrival, concurrency, spq);
                        // Headline percentile per scenario (metrics.md) unless the user chose one.
                        double percentile = pct != null ? pct : sc instanceof Scenario.SingleStream ? 0.90 : 0.99;
                        TestSettings ts = new TestSettings(sc, duration, maxDuration, minQueries, warmup, bound,
                                percentile, seed, DEFAULT_MAX_ISSUE_LAG, null);
                        out.add(new PlannedRun.Inference(backend, req, ts, cli.findPeak(), repeats));
                    }
                }
            }
        }
    }

    @SafeVarargs
    private static <T> List<T> first(List<T>... lists) {
        for (List<T> l : lists) {
            if (l != null && !l.isEmpty()) {
                return l;
            }
        }
        return List.of();
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
