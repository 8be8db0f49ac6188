package dev.assay.djl;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.assay.api.AssayException;
import dev.assay.api.result.Check;
import dev.assay.api.result.Metric;
import dev.assay.api.training.TrainingRequest;
import dev.assay.core.data.DenseClassifierFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs a classifier workload: a throughput phase (warm-up, then measured steps) and then
 * the seeded time-to-quality runs. The first quality run's model is the one whose test
 * accuracy is reported and which is exported.
 */
final class ClassifierWorkload {
    private final WorkloadKind kind;
    private final Supplier<ClassifierNet> factory;

    ClassifierWorkload(WorkloadKind kind) {
        this.kind = kind;
        this.factory = switch (kind) {
            case MLP_FASHION -> ClassifierNet::mlp;
            case CNN_FASHION -> ClassifierNet::cnn;
            case LM_TINY -> throw new IllegalArgumentException("lm-tiny is not a classifier");
        };
    }

    /** What one quality run produced. */
    private record QualityRun(long seed, OptionalDouble seconds, double finalAccuracy, double epochs, int steps,
                              int evaluations, List<Map<String, Object>> curve) {
        Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seed", seed);
            m.put("time_s", seconds.isPresent() ? seconds.getAsDouble() : null);
            m.put("reached", seconds.isPresent());
            m.put("final_test_accuracy", finalAccuracy);
            m.put("epochs", epochs);
            m.put("steps", steps);
            m.put("evaluations", evaluations);
            return m;
        }
    }

    ModelSize run(TrainingRequest request, TrainingOptions options, PrecisionRecipe recipe, ClassifierData data,
                  OutcomeBuilder out, Consumer<String> progress) throws AssayException {
        int accum = options.gradAccum();
        int micro = request.batch() / accum;
        ClassifierNet probeNet = factory.get();
        Shape sample = probeNet.sampleShape();
        long flopsPerStep = 3L * probeNet.forwardFlopsPerSample() * request.batch();
        out.details().put("architecture", probeNet.architecture());
        out.details().put("forward_flops_per_sample", probeNet.forwardFlopsPerSample());

        // Throughput phase.
        long[] nanos = new long[request.steps()];
        long parameters;
        long activations;
        Double reportedAccuracy = null;
        List<Map<String, Object>> throughputLoss = new ArrayList<>();
        try (TrainingSession session = new TrainingSession(kind.id(), probeNet.block(),
                ClassifierData.withBatch(micro, sample), options, recipe, request.seed());
             NDManager evalManager = session.newBatchManager()) {
            ClassifierData.Order order = new ClassifierData.Order(data.train().size(), request.seed());
            int total = request.warmupSteps() + request.steps();
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                try (NDManager batch = session.newBatchManager()) {
                    var mb = data.batch(batch, order, micro, accum, sample);
                    long t0 = System.nanoTime();
                    float loss = session.step(mb, i == 0);
                    long dt = System.nanoTime() - t0;
                    if (i >= request.warmupSteps()) {
                        nanos[i - request.warmupSteps()] = dt;
                    }
                    if (i == total - 1 || (i + 1) % Math.max(1, total / 10) == 0) {
                        throughputLoss.add(OutcomeBuilder.curvePoint((System.nanoTime() - start) / 1e9, i + 1, loss,
                                null));
                    }
                }
            }
            parameters = session.parameterCount();
            if (!recipe.isFp32()) {
                out.details().put("loss_scale", Map.of("final", session.lossScale(), "skipped_steps",
                        session.skippedSteps()));
            }
            activations = session.lastActivationBytes();
            if (options.ttqRuns() == 0) {
                // No quality phase: report (and export) the model trained only for the throughput steps.
                reportedAccuracy = data.testAccuracy(session, evalManager, sample);
                maybeExport(probeNet, reportedAccuracy, options, data, out);
            }
        }
        StepStats stats = new StepStats(nanos);
        progress.accept(String.format("%s: %d measured steps, mean step %.2f ms, %.0f samples/s", kind.id(),
                stats.count(), stats.meanSeconds() * 1e3, stats.rate(request.batch())));
        out.throughput(stats, request.batch(), 0, flopsPerStep, options, recipe);
        out.details().put("throughput_phase_loss", throughputLoss);

        // Time-to-quality phase.
        List<QualityRun> runs = new ArrayList<>();
        for (int r = 0; r < options.ttqRuns(); r++) {
            QualityRun run = qualityRun(request, options, recipe, data, request.seed() + r, r == 0, out, progress);
            runs.add(run);
            if (r == 0) {
                reportedAccuracy = run.finalAccuracy();
                out.details().put("curve", run.curve());
            }
        }
        out.metrics().put("test_accuracy", new Metric.Value("fraction", reportedAccuracy));
        out.details().put("test_accuracy_of", runs.isEmpty()
                ? "a model trained for " + (request.warmupSteps() + request.steps()) + " steps (ttq_runs=0)"
                : "time-to-quality run 1 (seed " + request.seed() + ") at its last evaluation");
        scoreQuality(runs, options, out);
        return new ModelSize(parameters, activations);
    }

    private QualityRun qualityRun(TrainingRequest request, TrainingOptions options, PrecisionRecipe recipe,
                                  ClassifierData data, long seed, boolean first, OutcomeBuilder out,
                                  Consumer<String> progress) throws AssayException {
        int accum = options.gradAccum();
        int micro = request.batch() / accum;
        ClassifierNet net = factory.get();
        int stepsPerEpoch = (data.train().size() + request.batch() - 1) / request.batch();
        int evalEvery = options.evalEvery() > 0 ? options.evalEvery() : Math.max(1, stepsPerEpoch / 4);
        List<Map<String, Object>> curve = new ArrayList<>();
        try (TrainingSession session = new TrainingSession(kind.id() + "-ttq", net.block(),
                ClassifierData.withBatch(micro, net.sampleShape()), options, recipe, seed);
             NDManager evalManager = session.newBatchManager()) {
            ClassifierData.Order order = new ClassifierData.Order(data.train().size(), seed);
            long start = System.nanoTime(); // first touch of training data: the clock starts here
            int step = 0;
            double lossSum = 0;
            int lossCount = 0;
            double accuracy = Double.NaN;
            OptionalDouble reachedAt = OptionalDouble.empty();
            int evaluations = 0;
            while (true) {
                try (NDManager batch = session.newBatchManager()) {
                    lossSum += session.step(data.batch(batch, order, micro, accum, net.sampleShape()), false);
                    lossCount++;
                }
                step++;
                boolean outOfEpochs = order.epochFraction() >= options.maxEpochs();
                if (step % evalEvery == 0 || outOfEpochs) {
                    accuracy = data.testAccuracy(session, evalManager, net.sampleShape());
                    evaluations++;
                    double t = (System.nanoTime() - start) / 1e9;
                    curve.add(OutcomeBuilder.curvePoint(t, step, lossSum / lossCount, accuracy));
                    lossSum = 0;
                    lossCount = 0;
                    if (accuracy >= options.targetAccuracy()) {
                        reachedAt = OptionalDouble.of(t);
                        break;
                    }
                    if (outOfEpochs) {
                        break;
                    }
                }
            }
            progress.accept(String.format("%s quality run seed %d: %s, test accuracy %.4f after %d steps (%.2f epochs)",
                    kind.id(), seed, reachedAt.isPresent()
                            ? String.format("reached %.3f in %.2f s", options.targetAccuracy(), reachedAt.getAsDouble())
                            : "did not reach " + options.targetAccuracy(), accuracy, step, order.epochFraction()));
            if (first) {
                maybeExport(net, accuracy, options, data, out);
            }
            return new QualityRun(seed, reachedAt, accuracy, order.epochFraction(), step, evaluations, curve);
        }
    }

    private void maybeExport(ClassifierNet net, double accuracy, TrainingOptions options, ClassifierData data,
                             OutcomeBuilder out) throws AssayException {
        if (options.exportDir() == null) {
            return;
        }
        if (net.denseLayers().isEmpty()) {
            out.warnings().add("export_dir ignored: " + kind.id() + " is not a pure dense network and assay-dense-v1 "
                    + "holds dense layers only");
            return;
        }
        if (data.synthetic()) {
            out.warnings().add("export_dir ignored: the model was trained on the synthetic stand-in task, and an "
                    + "export would be mistaken for a Fashion-MNIST classifier");
            return;
        }
        try {
            DenseClassifierFile.write(options.exportDir(), DenseExport.toClassifier(net.denseLayers(), accuracy));
            out.details().put("export", Map.of("format", DenseClassifierFile.FORMAT, "path",
                    options.exportDir().toAbsolutePath().toString(), "test_accuracy", accuracy));
        } catch (IOException e) {
            throw AssayException.failure("cannot export to " + options.exportDir() + ": " + e.getMessage(), e);
        }
    }

    private static void scoreQuality(List<QualityRun> runs, TrainingOptions options, OutcomeBuilder out) {
        Map<String, Object> ttq = new LinkedHashMap<>();
        ttq.put("target_test_accuracy", options.targetAccuracy());
        ttq.put("max_epochs", options.maxEpochs());
        ttq.put("protocol", "each run: fresh seeded weights and data order; clock from first touch of training "
                + "data to the first evaluation on the full test set reaching the target, evaluation time included; "
                + "score = mean after dropping fastest and slowest (N >= 3; with N < 3 nothing is dropped)");
        if (runs.isEmpty()) {
            out.metrics().put("time_to_quality", new Metric.NotMeasured("not measured: ttq_runs=0"));
            ttq.put("runs", List.of());
            out.details().put("time_to_quality", ttq);
            return;
        }
        List<OptionalDouble> times = runs.stream().map(QualityRun::seconds).toList();
        TimeToQuality.Score score = TimeToQuality.score(times, options.targetAccuracy());
        out.metrics().put("time_to_quality", score.metric());
        ttq.put("runs", runs.stream().map(QualityRun::describe).toList());
        ttq.put("kept_runs", score.kept().stream().map(i -> i + 1).toList());
        ttq.put("dropped_runs", score.dropped().stream().map(i -> i + 1).toList());
        ttq.put("interval", score.interval());
        out.details().put("time_to_quality", ttq);
        long reached = times.stream().filter(OptionalDouble::isPresent).count();
        boolean ok = score.metric() instanceof Metric.Estimate;
        out.checks().add(new Check("reached_target_quality", ok,
                reached + " of " + runs.size() + " runs reached test accuracy " + options.targetAccuracy()
                        + " within " + options.maxEpochs() + " epochs",
                ok ? null : "raise max_epochs or lower target_accuracy, or check the learning rate"));
    }
}
