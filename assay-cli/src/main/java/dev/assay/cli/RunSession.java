package dev.assay.cli;

import dev.assay.api.AssayException;
import dev.assay.api.Phase;
import dev.assay.api.result.Metric;
import dev.assay.api.result.Result;
import dev.assay.api.result.Validity;
import dev.assay.api.spec.ExecutorSpec;
import dev.assay.api.training.TrainingRequest;
import dev.assay.core.backend.Backends;
import dev.assay.core.bundle.RunBundle;
import dev.assay.core.loadgen.SelfTest;
import dev.assay.core.precision.CapabilityMatrix;
import dev.assay.core.probe.ExecutorProbe;
import dev.assay.core.roofline.Roofline;
import dev.assay.core.roofline.RooflineCeilings;
import dev.assay.core.roofline.RooflineContext;
import dev.assay.core.roofline.TrainingRoofline;
import dev.assay.core.suite.PlannedRun;
import dev.assay.core.suite.Planner;
import dev.assay.core.suite.SuiteRunner;
import dev.assay.core.telemetry.EnergyMeter;
import dev.assay.core.telemetry.EnergyReport;
import dev.assay.report.ReportWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One {@code assay run} from first probe to last report: captures the executor, self-tests
 * the generator, loads the roofline ceilings, meters energy around every measured window,
 * adds roofline context to every result, derives the precision capability matrix, and
 * writes the report. A Ctrl-C leaves run.json with status {@code interrupted}.
 */
final class RunSession {
    private final Path dir;
    private final Planner.Plan plan;
    private final List<String> command;
    private final Consumer<String> progress;
    private SuiteRunner runner;

    RunSession(Path dir, Planner.Plan plan, List<String> command, Consumer<String> progress) {
        this.dir = dir;
        this.plan = plan;
        this.command = command;
        this.progress = progress;
    }

    RunBundle execute(boolean writeReport) throws IOException, AssayException {
        Instant started = Instant.now();
        List<String> warnings = new ArrayList<>();
        progress.accept("probing executor...");
        Backends.Specs specs = Backends.collectSpecs();
        ExecutorSpec executor = ExecutorProbe.capture(specs.available());
        warnings.addAll(ExecutorProbe.warnings(executor));
        specs.skipped().forEach(s -> warnings.add("backend " + s.name() + " (" + s.phase() + ") not in the specification: " + s.reason()));

        progress.accept("self-testing the load generator...");
        Map<String, Object> generator = SelfTest.quick(progress).toMap();

        progress.accept("loading roofline ceilings (measured once per executor fingerprint)...");
        RooflineCeilings ceilings = null;
        Map<String, Object> roofline;
        try {
            ceilings = Roofline.loadOrMeasure(executor.fingerprint(), true);
            roofline = ceilings.toJson();
        } catch (AssayException | RuntimeException e) {
            roofline = Map.of("measured", false, "reason", "roofline: not measured (" + e.getMessage() + ")");
            warnings.add("roofline ceilings not measured: " + e.getMessage());
        }

        EnergyMeter meter = EnergyMeter.open(EnergyMeter.Settings.defaults()
                .withPreferredBoundary(dev.assay.core.telemetry.Boundary.CPU_PACKAGE));
        if (meter.canMeasureEnergy()) {
            progress.accept("measuring idle power...");
            try {
                meter.measureIdle();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        runner = new SuiteRunner(dir, new SuiteRunner.RunHeader(AssayCli.toolVersion(), command, started, executor, generator,
                roofline, warnings), progress);
        final RooflineCeilings c = ceilings;
        runner.decorator((r, run, disclosure) -> withRoofline(r, disclosure, c));
        runner.observer(run -> {
            meter.start();
            return (units, unitName) -> {
                EnergyReport rep = meter.stop();
                Map<String, Object> blocks = new LinkedHashMap<>();
                blocks.put("energy", rep.energyJson(Map.of(unitName, units)));
                blocks.put("telemetry", rep.telemetry());
                if (!rep.warnings().isEmpty()) {
                    blocks.put("telemetry_warnings", rep.warnings());
                }
                return blocks;
            };
        });

        Thread hook = Thread.ofPlatform().unstarted(() ->
                runner.abort("interrupted", "interrupted by a signal (Ctrl-C) before the suite finished"));
        Runtime.getRuntime().addShutdownHook(hook);
        RunBundle bundle;
        try {
            bundle = runner.run(withPeak(plan, ceilings));
            CapabilityMatrix matrix = CapabilityMatrix.of(bundle.results());
            runner.putExtra("capability", matrix.toJson());
            bundle = runner.abort(bundle.status(), bundle.statusDetail());
        } catch (RuntimeException | IOException e) {
            runner.abort("failed", "the run stopped: " + e);
            throw e;
        } finally {
            meter.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or ran; it wrote the interrupted status
            }
        }
        if (writeReport) {
            try {
                ReportWriter.write(dir);
            } catch (AssayException | RuntimeException e) {
                progress.accept("report not written: " + e.getMessage() + " (run.json is complete; retry with 'assay report "
                        + dir + "')");
            }
        }
        return bundle;
    }

    boolean badInput() {
        return runner != null && runner.badInput();
    }

    String badInputMessage() {
        return runner == null ? null : runner.badInputMessage();
    }

    /** True when every result is VALID (UNSUPPORTED precisions are results, not failures of the run). */
    boolean allValid() {
        return runner != null && runner.results().stream().allMatch(r -> r.validity().verdict() == Validity.Verdict.VALID
                || r.validity().verdict() == Validity.Verdict.UNSUPPORTED);
    }

    /** Training MFU needs the executor's measured peak; pass it to the training backend with its source. */
    private static Planner.Plan withPeak(Planner.Plan plan, RooflineCeilings ceilings) {
        if (ceilings == null) {
            return plan;
        }
        List<PlannedRun> runs = new ArrayList<>();
        for (PlannedRun run : plan.runs()) {
            if (run instanceof PlannedRun.Training t && !t.request().options().containsKey("peak_gflops")) {
                var peak = ceilings.peak(t.request().precision().id(), t.backend());
                if (peak.isPresent()) {
                    TrainingRequest r = t.request();
                    Map<String, String> opts = new LinkedHashMap<>(r.options());
                    opts.put("peak_gflops", Double.toString(peak.get().gflops()));
                    opts.put("peak_source", "measured: " + peak.get().runtime() + " " + peak.get().method());
                    run = new PlannedRun.Training(t.backend(), new TrainingRequest(r.workload(), r.precision(), r.batch(),
                            r.seqLen(), r.steps(), r.warmupSteps(), r.seed(), r.dataDir(), opts));
                }
            }
            runs.add(run);
        }
        return new Planner.Plan(plan.suite(), runs, plan.requested(), plan.effective());
    }

    /** Adds {@code details.roofline}: arithmetic intensity, attainable, achieved fraction, bound. */
    private static Result withRoofline(Result r, Map<String, Object> disclosure, RooflineCeilings ceilings) {
        if (r.validity().verdict() == Validity.Verdict.UNSUPPORTED || r.validity().verdict() == Validity.Verdict.FAILED) {
            return r;
        }
        Map<String, Object> block;
        if (ceilings == null) {
            block = Map.of("not_computed", "no measured ceilings for this executor (see run.json roofline)");
        } else if (r.phase() == Phase.INFERENCE) {
            Double flops = number(disclosure.get("flops_per_sample"));
            Double bytes = number(disclosure.get("bytes_per_sample"));
            double callsPerSecond = r.metrics().get("throughput") instanceof Metric.Value v ? v.value() / r.batch() : Double.NaN;
            block = flops == null || bytes == null || Double.isNaN(callsPerSecond)
                    ? Map.of("not_computed", "the backend did not disclose FLOPs and bytes per inference call")
                    : RooflineContext.characterise(flops, bytes, callsPerSecond, r.precision(), ceilings, r.backend());
        } else {
            block = TrainingRoofline.characterise(r, ceilings);
        }
        Map<String, Object> details = new LinkedHashMap<>(r.details());
        details.put("roofline", block);
        return new Result(r.phase(), r.workload(), r.backend(), r.precision(), r.batch(), r.seqLen(), r.scenario(),
                r.settings(), r.validity(), r.warnings(), r.metrics(), details);
    }

    /** A disclosure figure: a number, or a map whose {@code value} is one. */
    static Double number(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        if (o instanceof Map<?, ?> m && m.get("value") instanceof Number n) {
            return n.doubleValue();
        }
        return null;
    }
}
