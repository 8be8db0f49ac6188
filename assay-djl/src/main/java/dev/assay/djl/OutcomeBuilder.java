package dev.assay.djl;

import ai.djl.ndarray.types.DataType;
import dev.assay.api.result.Check;
import dev.assay.api.result.Metric;
import dev.assay.api.training.TrainingOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** Assembles the metrics, checks, warnings and disclosure shared by all workloads. */
final class OutcomeBuilder {
    static final String MFU_NO_PEAK =
            "not computed: no measured FP32 peak for this executor; run assay roofline";

    private final Map<String, Metric> metrics = new LinkedHashMap<>();
    private final List<Check> checks = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, Object> details = new LinkedHashMap<>();

    Map<String, Metric> metrics() {
        return metrics;
    }

    List<Check> checks() {
        return checks;
    }

    List<String> warnings() {
        return warnings;
    }

    Map<String, Object> details() {
        return details;
    }

    /**
     * Step time, samples/s (and tokens/s), steady state, FLOPs and MFU.
     *
     * @param samplesPerStep global batch
     * @param tokensPerStep  tokens per step for language models, 0 otherwise
     * @param flopsPerStep   model FLOPs of one step (3x forward matmul/conv FLOPs)
     */
    void throughput(StepStats stats, long samplesPerStep, long tokensPerStep, long flopsPerStep,
                    TrainingOptions options, PrecisionRecipe recipe) {
        metrics.put("step_time", stats.distribution());
        metrics.put("samples_per_s", new Metric.Value("samples/s", stats.rate(samplesPerStep)));
        if (tokensPerStep > 0) {
            metrics.put("tokens_per_s", new Metric.Value("tokens/s", stats.rate(tokensPerStep)));
        }
        Map<String, Object> steady = stats.steadyState(tokensPerStep > 0 ? tokensPerStep : samplesPerStep,
                options.steadyTolerance());
        details.put("steady_state", steady);
        boolean isSteady = (Boolean) steady.get("steady");
        checks.add(new Check("steady_state", isSteady,
                String.format("CV of the median-step throughput of %d windows of the measured steps = %.3f "
                        + "(tolerance %.3f)",
                        steady.get("windows"), (Double) steady.get("cv"), options.steadyTolerance()),
                isSteady ? null : "measure more steps (--steps) on a quieter machine, or raise steady_tolerance"));
        details.put("flops_per_step", flopsPerStep);
        double achieved = flopsPerStep / stats.meanSeconds();
        Map<String, Object> mfu = new LinkedHashMap<>();
        mfu.put("flops_per_step", flopsPerStep);
        mfu.put("flops_counted", "matmul and convolution multiply-adds only (2 FLOPs each), forward x3 for "
                + "forward + backward");
        mfu.put("achieved_gflops", achieved / 1e9);
        mfu.put("formula", "mfu = flops_per_step / (peak_flops x mean step_time)");
        if (options.peakGflops().isPresent()) {
            double peak = options.peakGflops().getAsDouble();
            metrics.put("mfu", new Metric.Value("fraction", achieved / (peak * 1e9)));
            mfu.put("peak_gflops", peak);
            mfu.put("peak_source", options.peakSource());
            if (recipe.compute() != DataType.FLOAT32) {
                mfu.put("peak_note", "mixed-precision recipe: MFU uses the peak as given; it should be the peak of "
                        + recipe.compute() + " compute");
            }
        } else {
            metrics.put("mfu", new Metric.NotMeasured(recipe.compute() == DataType.FLOAT32 ? MFU_NO_PEAK
                    : "not computed: no measured peak for the " + recipe.compute() + " mixed-precision recipe on this "
                    + "executor (MFU is undefined for mixed low-precision recipes unless the peak is stated)"));
            mfu.put("peak_gflops", null);
            mfu.put("peak_source", "none (pass options peak_gflops and peak_source, e.g. from assay roofline)");
        }
        details.put("mfu", mfu);
    }

    /** Weights, gradients, optimiser state, activations and peak RSS, each with what it is. */
    void memory(long parameters, String optimizer, long activationBytes, boolean peakWasReset,
                PrecisionRecipe recipe) {
        long fp32 = parameters * Float.BYTES;
        long model = parameters * recipe.compute().getNumOfBytes();
        long states = MemoryFootprint.optimizerStatesPerParam(optimizer);
        metrics.put("memory_weights", new Metric.Value("bytes", recipe.isFp32() ? fp32 : model + fp32));
        metrics.put("memory_gradients", new Metric.Value("bytes", model));
        metrics.put("memory_optimizer_state", new Metric.Value("bytes", states * fp32));
        metrics.put("memory_activations", activationBytes >= 0 ? new Metric.Value("bytes", activationBytes)
                : new Metric.NotMeasured("no training step ran with activation accounting"));
        OptionalLong peak = MemoryFootprint.peakRssBytes();
        metrics.put("memory_peak_rss", peak.isPresent() ? new Metric.Value("bytes", peak.getAsLong())
                : new Metric.NotMeasured("not measured: /proc/self/status has no VmHWM on this system"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("parameters", parameters);
        m.put("weights", recipe.isFp32() ? "parameter count x 4 bytes (FP32 weights)"
                : "parameter count x (" + recipe.compute().getNumOfBytes() + " bytes model copy + 4 bytes FP32 master)");
        m.put("gradients", recipe.isFp32() ? "one FP32 gradient per parameter"
                : "one " + recipe.compute() + " gradient per parameter (widened FP32 copies exist only during the update)");
        m.put("optimizer_state", states + " FP32 tensor(s) per parameter (" + (states == 2
                ? "Adam first and second moments" : "SGD momentum") + ")");
        m.put("activations", "bytes of the tensors one forward pass + loss of a micro-batch left in DJL's batch "
                + "manager (what autograd can keep for backward); views are counted as full tensors; "
                + "PyTorch-internal buffers are not seen");
        m.put("peak_rss", "VmHWM of the whole JVM process (heap with the dataset, libtorch, tensors) "
                + (peakWasReset ? "since the start of this training run (reset via /proc/self/clear_refs)"
                : "since JVM start (peak reset not permitted here)"));
        details.put("memory", m);
    }

    TrainingOutcome build() {
        return new TrainingOutcome(metrics, checks, warnings, details);
    }

    /** A curve point {t_s, step, loss, test_accuracy} for the report's training curves. */
    static Map<String, Object> curvePoint(double tSeconds, long step, double loss, Double testAccuracy) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("t_s", tSeconds);
        p.put("step", step);
        p.put("loss", loss);
        p.put("test_accuracy", testAccuracy);
        return p;
    }
}
