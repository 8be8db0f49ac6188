package dev.assay.core.suite;

import dev.assay.api.AssayException;
import dev.assay.api.Phase;
import dev.assay.api.backend.Availability;
import dev.assay.api.backend.Backend;
import dev.assay.api.backend.BackendProvider;
import dev.assay.api.backend.PreparedWorkload;
import dev.assay.api.backend.WorkloadRequest;
import dev.assay.api.result.Check;
import dev.assay.api.result.Metric;
import dev.assay.api.result.Result;
import dev.assay.api.result.Validity;
import dev.assay.api.training.TrainingBackend;
import dev.assay.api.training.TrainingBackendProvider;
import dev.assay.api.training.TrainingOutcome;
import dev.assay.api.training.TrainingRequest;
import dev.assay.core.backend.Backends;
import dev.assay.core.bundle.AtomicFiles;
import dev.assay.core.bundle.Json;
import dev.assay.core.bundle.RunBundle;
import dev.assay.core.loadgen.LoadGenResult;
import dev.assay.core.loadgen.LoadGenerator;
import dev.assay.core.loadgen.SaturationResult;
import dev.assay.core.loadgen.SaturationSearch;
import dev.assay.core.loadgen.TestSettings;
import dev.assay.core.loadgen.Durations;
import dev.assay.core.stats.Repeats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Executes a {@link Planner.Plan} into a run directory. run.json is rewritten atomically
 * after every result, so a crash, a Ctrl-C or a failing backend never loses what was
 * already measured; the final status says how the run ended.
 */
public final class SuiteRunner {
    private final Path runDir;
    private final Consumer<String> progress;
    private final RunHeader header;
    private final List<Result> results = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, Object> extras = new LinkedHashMap<>();
    private boolean badInput;
    private String badInputMessage;
    private volatile String status = "running";
    private volatile String statusDetail;

    /**
     * The fixed part of run.json, known before the first measurement.
     *
     * @param assayVersion tool version
     * @param command      command line
     * @param startedAt    start time
     * @param executor     executor specification
     * @param generator    self-test figures of the load generator
     * @param roofline     measured ceilings or a "not measured" block
     * @param warnings     run-level warnings known at the start (e.g. harmful environment settings)
     */
    public record RunHeader(String assayVersion, List<String> command, Instant startedAt,
                            dev.assay.api.spec.ExecutorSpec executor, Map<String, Object> generator,
                            Map<String, Object> roofline, List<String> warnings) {
    }

    /** Called once per finished result so the caller can add blocks (roofline context, energy) before it is stored. */
    public interface ResultDecorator {
        Result decorate(Result result, PlannedRun run, Map<String, Object> disclosure);
    }

    /** Wraps each measured window, e.g. to meter energy around it. */
    public interface WindowObserver {
        /** Called just before the measured work starts; returns a handle closed right after it. */
        Window open(PlannedRun run);

        /** A measured window in progress. */
        interface Window {
            /** Ends the window; returns blocks to add to the result's details (e.g. {@code energy}). */
            Map<String, Object> close(long completedUnits, String unitName);
        }
    }

    private ResultDecorator decorator = (r, run, d) -> r;
    private WindowObserver observer = run -> (units, name) -> Map.of();
    private Planner.Plan plan;

    public SuiteRunner(Path runDir, RunHeader header, Consumer<String> progress) {
        this.runDir = runDir;
        this.header = header;
        this.progress = progress;
        this.warnings.addAll(header.warnings());
    }

    public SuiteRunner decorator(ResultDecorator d) {
        this.decorator = d;
        return this;
    }

    public SuiteRunner observer(WindowObserver o) {
        this.observer = o;
        return this;
    }

    /** Adds a top-level block to run.json (e.g. the precision capability matrix). */
    public synchronized void putExtra(String key, Object value) {
        extras.put(key, value);
    }

    /** Whether some entry failed because of the user's input (exit code 2). */
    public boolean badInput() {
        return badInput;
    }

    public String badInputMessage() {
        return badInputMessage;
    }

    public synchronized List<Result> results() {
        return List.copyOf(results);
    }

    /** Runs every planned configuration; returns the final bundle (also written to run.json). */
    public RunBundle run(Planner.Plan plan) throws IOException {
        this.plan = plan;
        write();
        Map<String, Backend> backends = new HashMap<>();
        Prepared prepared = null;
        try {
            int i = 0;
            for (PlannedRun run : plan.runs()) {
                i++;
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
                progress.accept("[" + i + "/" + plan.runs().size() + "] " + run.label());
                switch (run) {
                    case PlannedRun.Inference inf -> prepared = runInference(inf, i, backends, prepared);
                    case PlannedRun.Training tr -> {
                        if (prepared != null) {
                            prepared.close();
                            prepared = null;
                        }
                        runTraining(tr);
                    }
                }
                write();
            }
        } finally {
            if (prepared != null) {
                prepared.close();
            }
            backends.values().forEach(Backend::close);
        }
        if (status.equals("running")) {
            status = "complete";
        }
        return write();
    }

    /** Marks the run as ended abnormally and writes what was measured so far. */
    public RunBundle abort(String newStatus, String detail) {
        status = newStatus;
        statusDetail = detail;
        try {
            return write();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Prepared(String backend, WorkloadRequest request, PreparedWorkload workload) {
        void close() {
            workload.close();
        }
    }

    private Prepared runInference(PlannedRun.Inference run, int index, Map<String, Backend> backends, Prepared cached) {
        WorkloadRequest req = run.request();
        Prepared prepared = cached;
        if (prepared == null || !prepared.backend().equals(run.backend()) || !prepared.request().equals(req)) {
            if (prepared != null) {
                prepared.close();
                prepared = null;
            }
            try {
                Backend backend = backend(run.backend(), backends);
                prepared = new Prepared(run.backend(), req, backend.prepare(req));
            } catch (AssayException e) {
                record(notRun(run, e));
                return null;
            } catch (RuntimeException | LinkageError e) {
                record(notRun(run, AssayException.failure(e.toString(), e)));
                return null;
            }
        }
        PreparedWorkload w = prepared.workload();
        String base = String.format("%02d-%s", index, run.label().replaceAll("[^A-Za-z0-9.]+", "-"));
        TestSettings settings = run.settings().withHlog(runDir.resolve(base + ".hlog"));
        Map<String, Object> details = new LinkedHashMap<>(w.disclosure());
        List<String> resultWarnings = new ArrayList<>(w.warnings());
        Map<String, Metric> metrics = new LinkedHashMap<>();
        List<Check> checks = new ArrayList<>();
        try {
            LoadGenerator gen = new LoadGenerator();
            WindowObserver.Window window = observer.open(run);
            LoadGenResult outcome;
            if (run.findPeak()) {
                SaturationResult sat = new SaturationSearch(gen).find(w.sut(), w.library(), settings, 0.01,
                        w.itemsPerSample(), progress);
                outcome = sat.atPeak();
                details.put("saturation", sat.details());
            } else {
                List<LoadGenResult> repeats = new ArrayList<>();
                for (int r = 0; r < run.repeats(); r++) {
                    TestSettings rs = run.repeats() == 1 ? settings
                            : settings.withHlog(runDir.resolve(base + "-r" + (r + 1) + ".hlog"));
                    repeats.add(gen.run(w.sut(), w.library(), rs, w.itemsPerSample(), progress));
                }
                outcome = repeats.getLast();
                if (repeats.size() > 1) {
                    metrics.putAll(repeatMetrics(repeats));
                    details.put("repeats", repeats.stream().map(LoadGenResult::metrics).toList());
                }
            }
            long units = countOf(outcome.metrics().get("throughput"), outcome);
            details.putAll(window.close(units, "inference"));
            metrics.putAll(outcome.metrics());
            checks.addAll(outcome.checks());
            resultWarnings.addAll(outcome.warnings());
            details.put("loadgen", outcome.details());
            Result result = new Result(Phase.INFERENCE, req.workload(), run.backend(), req.precision().id(),
                    req.batch(), req.seqLen(), run.findPeak() ? "server (find-peak)" : settings.scenario().id(),
                    settingsOf(run, settings), Validity.of(checks), resultWarnings, metrics, details);
            record(decorator.decorate(result, run, w.disclosure()));
        } catch (RuntimeException e) {
            record(notRun(run, AssayException.failure("measurement failed: " + e, e)));
            prepared.close();
            return null;
        }
        return prepared;
    }

    /**
     * Run-to-run spread of the headline figures: mean with a t-interval, and the best run
     * reported separately as the peak (sustained and peak are different claims).
     */
    private static Map<String, Metric> repeatMetrics(List<LoadGenResult> repeats) {
        double[] tput = repeats.stream().mapToDouble(r -> r.value("throughput")).toArray();
        double[] p99 = repeats.stream().mapToDouble(r -> r.latencyMs(0.99)).toArray();
        Map<String, Metric> m = new LinkedHashMap<>();
        m.put("throughput_mean", Repeats.summariseOrExplain(tput, "samples/s"));
        m.put("throughput_peak", Repeats.peak(tput, "samples/s"));
        m.put("latency_p99_mean", Repeats.summariseOrExplain(p99, "ms"));
        return m;
    }

    /** Items completed in the window, for per-inference energy: throughput x measured seconds. */
    private static long countOf(Metric throughput, LoadGenResult outcome) {
        Object seconds = outcome.details().get("measured_seconds");
        if (throughput instanceof Metric.Value v && seconds instanceof Number s) {
            return Math.round(v.value() * s.doubleValue());
        }
        return 0;
    }

    private void runTraining(PlannedRun.Training run) {
        TrainingRequest req = run.request();
        TrainingBackendProvider provider = Backends.training().stream()
                .filter(p -> p.name().equals(run.backend())).findFirst().orElse(null);
        if (provider == null) {
            record(notRun(run, AssayException.badInput("unknown training backend '" + run.backend() + "' (available: "
                    + Backends.training().stream().map(TrainingBackendProvider::name).toList() + ")")));
            return;
        }
        if (provider.availability() instanceof Availability.Unavailable u) {
            record(notRun(run, AssayException.unsupported("backend " + run.backend() + " unavailable: " + u.reason())));
            return;
        }
        try (TrainingBackend backend = provider.create()) {
            WindowObserver.Window window = observer.open(run);
            TrainingOutcome out = backend.train(req, progress);
            Map<String, Object> details = new LinkedHashMap<>(out.details());
            details.put("backend_spec", backend.spec());
            long steps = req.steps();
            details.putAll(window.close(steps, "step"));
            Result result = new Result(Phase.TRAINING, req.workload(), run.backend(), req.precision().id(),
                    req.batch(), req.seqLen(), "training", trainingSettings(req), Validity.of(out.checks()),
                    out.warnings(), out.metrics(), details);
            record(decorator.decorate(result, run, details));
        } catch (AssayException e) {
            record(notRun(run, e));
        } catch (RuntimeException | LinkageError e) {
            record(notRun(run, AssayException.failure("training failed: " + e, e)));
        }
    }

    private Backend backend(String name, Map<String, Backend> cache) throws AssayException {
        Backend b = cache.get(name);
        if (b != null) {
            return b;
        }
        BackendProvider provider = Backends.find(name).orElseThrow(() -> AssayException.badInput(
                "unknown backend '" + name + "' (available: " + Backends.inference().stream().map(BackendProvider::name).toList() + ")"));
        if (provider.availability() instanceof Availability.Unavailable u) {
            throw AssayException.unsupported("backend " + name + " unavailable: " + u.reason());
        }
        b = provider.create();
        cache.put(name, b);
        return b;
    }

    /** A configuration that could not be measured, as a result that says why (never a silent gap). */
    private Result notRun(PlannedRun run, AssayException e) {
        String message = e.getMessage();
        Validity.Verdict verdict = switch (e.kind()) {
            case UNSUPPORTED -> Validity.Verdict.UNSUPPORTED;
            case BAD_INPUT, BACKEND_FAILURE -> Validity.Verdict.FAILED;
        };
        if (e.kind() == AssayException.Kind.BAD_INPUT && !badInput) {
            badInput = true;
            badInputMessage = message;
        }
        progress.accept("  " + verdict.name().toLowerCase(java.util.Locale.ROOT) + ": " + message);
        String prefix = e.kind() == AssayException.Kind.UNSUPPORTED ? "unsupported: " : "not measured: ";
        Check check = new Check("ran", false, prefix + message, e.kind() == AssayException.Kind.BAD_INPUT
                ? "fix the input named in the message and run again" : null);
        Map<String, Metric> metrics = Map.of("throughput", new Metric.NotMeasured(prefix + message));
        return switch (run) {
            case PlannedRun.Inference inf -> new Result(Phase.INFERENCE, inf.request().workload(), inf.backend(),
                    inf.request().precision().id(), inf.request().batch(), inf.request().seqLen(),
                    inf.findPeak() ? "server (find-peak)" : inf.settings().scenario().id(), settingsOf(inf, inf.settings()),
                    new Validity(verdict, List.of(check)), List.of(), metrics, Map.of());
            case PlannedRun.Training tr -> new Result(Phase.TRAINING, tr.request().workload(), tr.backend(),
                    tr.request().precision().id(), tr.request().batch(), tr.request().seqLen(), "training",
                    trainingSettings(tr.request()), new Validity(verdict, List.of(check)), List.of(), metrics, Map.of());
        };
    }

    private static Map<String, Object> settingsOf(PlannedRun.Inference run, TestSettings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", s.scenario());
        m.put("min_duration", Durations.format(s.minDuration()));
        m.put("max_duration", Durations.format(s.maxDuration()));
        m.put("min_queries", s.minQueries());
        m.put("warmup", Durations.format(s.warmup()));
        m.put("latency_bound", s.latencyBound() == null ? null : Durations.format(s.latencyBound()));
        m.put("percentile", s.percentile());
        m.put("seed", s.seed());
        m.put("max_issue_lag", Durations.format(s.maxIssueLag()));
        m.put("repeats", run.repeats());
        m.put("find_peak", run.findPeak());
        m.put("options", run.request().options());
        m.put("model", run.request().modelPath() == null ? null : run.request().modelPath().toString());
        return m;
    }

    private static Map<String, Object> trainingSettings(TrainingRequest r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("steps", r.steps());
        m.put("warmup_steps", r.warmupSteps());
        m.put("seed", r.seed());
        m.put("options", r.options());
        m.put("data_dir", r.dataDir() == null ? null : r.dataDir().toString());
        return m;
    }

    private synchronized void record(Result r) {
        results.add(r);
    }

    private synchronized RunBundle write() throws IOException {
        RunBundle bundle = new RunBundle(RunBundle.SCHEMA_VERSION, header.assayVersion(), plan == null ? null : plan.suite(),
                status, statusDetail, header.startedAt().toString(),
                status.equals("running") ? null : Instant.now().toString(), header.command(), header.executor(),
                plan == null ? Map.of() : plan.requested(), plan == null ? Map.of() : plan.effective(),
                header.generator(), header.roofline(), results, warnings);
        Map<String, Object> tree = Json.mapper().convertValue(bundle, Json.mapper().getTypeFactory()
                .constructMapType(LinkedHashMap.class, String.class, Object.class));
        tree.putAll(extras);
        AtomicFiles.write(runDir.resolve("run.json"), Json.pretty(tree) + "\n");
        return bundle;
    }
}
