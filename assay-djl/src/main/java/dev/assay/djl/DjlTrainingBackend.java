package dev.assay.djl;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import dev.assay.api.AssayException;
import dev.assay.api.Precision;
import dev.assay.api.spec.BackendSpec;
import dev.assay.api.training.TrainingBackend;
import dev.assay.api.training.TrainingOutcome;
import dev.assay.api.training.TrainingRequest;
import dev.assay.core.data.FashionMnist;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/** The created DJL/PyTorch training backend; see {@link DjlTrainingProvider}. */
final class DjlTrainingBackend implements TrainingBackend {
    private final DjlRuntime.EngineInfo info;
    private final Function<Path, FashionMnist.Location> locator;
    private FashionMnist.Dataset cached;

    DjlTrainingBackend(DjlRuntime.EngineInfo info) {
        this(info, FashionMnist::locate);
    }

    /** With a dataset locator other than the real one (tests of the fallback path). */
    DjlTrainingBackend(DjlRuntime.EngineInfo info, Function<Path, FashionMnist.Location> locator) {
        this.info = info;
        this.locator = locator;
    }

    @Override
    public BackendSpec spec() {
        Map<String, Integer> threads = new LinkedHashMap<>();
        threads.put("intra_op", DjlRuntime.intraOpThreads());
        threads.put("inter_op", DjlRuntime.interOpThreads());
        Map<String, String> options = new LinkedHashMap<>();
        options.put("framework", info.framework());
        options.put("libtorch_features", String.join(", ", info.features()));
        options.put("blas", info.features().contains("MKL")
                ? "Intel MKL (libtorch built with MKL; version not reported by engine)"
                : "not reported by engine");
        options.put("onednn", info.features().contains("MKLDNN")
                ? "oneDNN (MKLDNN) available in libtorch; version not reported by engine"
                : "not available in this libtorch build");
        options.put("openmp", Boolean.toString(info.features().contains("OPENMP")));
        options.put("natives", info.nativeSource());
        options.put("djl_cache_dir", info.cacheDir().toString());
        options.put("offline", String.valueOf(System.getProperty(DjlRuntime.OFFLINE)));
        info.nativeEnv().forEach((k, v) -> options.put("env." + k, v));
        return new BackendSpec(DjlTrainingProvider.NAME, "DJL/PyTorch", info.framework(), List.of("cpu"), "cpu",
                threads, options);
    }

    @Override
    public TrainingOutcome train(TrainingRequest request, Consumer<String> progress) throws AssayException {
        WorkloadKind kind = WorkloadKind.parse(request.workload());
        TrainingOptions options = TrainingOptions.parse(request.options(), kind);
        if (request.batch() % options.gradAccum() != 0) {
            throw AssayException.badInput("batch " + request.batch() + " is not divisible by grad_accum "
                    + options.gradAccum() + " (each optimiser step splits the global batch into equal micro-batches)");
        }
        PrecisionRecipe recipe = recipe(request.precision());
        OutcomeBuilder out = new OutcomeBuilder();
        out.warnings().addAll(options.warnings());
        applyThreads(options, out);
        Map<String, Object> d = out.details();
        d.put("framework", info.framework());
        d.put("precision_recipe", recipe.description());
        d.put("optimizer", TrainingSession.describeOptimizer(options));
        d.put("learning_rate", options.learningRate());
        d.put("grad_accum_steps", options.gradAccum());
        d.put("global_batch", request.batch());
        d.put("micro_batch", request.batch() / options.gradAccum());
        d.put("warmup_steps", request.warmupSteps());
        d.put("measured_steps", request.steps());
        d.put("seed", request.seed());
        d.put("threads", Map.of("intra_op", DjlRuntime.intraOpThreads(), "inter_op", DjlRuntime.interOpThreads()));
        d.put("options_effective", options.effective());
        d.put("step_time_covers", "forward + loss + backward of every micro-batch + optimiser update; batch "
                + "assembly (copying samples into tensors) happens before the clock starts");
        boolean peakReset = MemoryFootprint.resetPeak();
        try {
            ModelSize size;
            if (kind.isClassifier()) {
                ClassifierData data = data(request, options, out, progress);
                d.put("data_source", data.source());
                size = new ClassifierWorkload(kind).run(request, options, recipe, data, out, progress);
            } else {
                size = new LanguageModelWorkload().run(request, options, recipe, out, progress);
            }
            out.memory(size.parameters(), options.optimizer(), size.activationBytes(), peakReset, recipe);
        } catch (EngineException | IllegalStateException | IllegalArgumentException | UnsupportedOperationException e) {
            throw AssayException.failure("DJL/PyTorch training of " + kind.id() + " failed: " + e.getMessage(), e);
        }
        return out.build();
    }

    static PrecisionRecipe recipe(Precision precision) throws AssayException {
        return switch (precision) {
            case FP32 -> PrecisionRecipe.fp32();
            case FP16, BF16 -> {
                DataType type = precision == Precision.FP16 ? DataType.FLOAT16 : DataType.BFLOAT16;
                PrecisionProbe.Verdict v = PrecisionProbe.probe(type);
                if (!v.supported()) {
                    throw AssayException.unsupported("unsupported by this backend: " + precision.id()
                            + " mixed precision: " + v.detail());
                }
                yield PrecisionRecipe.mixed(type, v.detail());
            }
            default -> throw AssayException.unsupported("unsupported by this backend: no " + precision.id()
                    + " training recipe in DJL/PyTorch on CPU");
        };
    }

    private static void applyThreads(TrainingOptions options, OutcomeBuilder out) {
        JniUtils.setNumThreads(options.threads());
        int interop = DjlRuntime.interOpThreads();
        if (interop != options.interopThreads()) {
            try {
                JniUtils.setNumInteropThreads(options.interopThreads());
            } catch (RuntimeException e) {
                out.warnings().add("inter-op threads stay at " + interop + ": PyTorch allows setting them only before "
                        + "its first parallel work (" + e.getMessage() + ")");
            }
        }
    }

    private ClassifierData data(TrainingRequest request, TrainingOptions options, OutcomeBuilder out,
                                Consumer<String> progress) throws AssayException {
        if (options.synthetic()) {
            out.warnings().add("synthetic data (option synthetic=true): results are not comparable with "
                    + "Fashion-MNIST results");
            return ClassifierData.synthetic("forced by option synthetic=true", request.seed());
        }
        FashionMnist.Location location = locator.apply(request.dataDir());
        return switch (location) {
            case FashionMnist.Location.Found found -> {
                try {
                    if (cached == null || !cached.source().equals(found.dir())) {
                        progress.accept("loading Fashion-MNIST from " + found.dir());
                        cached = FashionMnist.load(found.dir());
                    }
                    yield new ClassifierData(cached.train(), cached.test(), cached.describe(), false);
                } catch (IOException e) {
                    throw AssayException.badInput("cannot read Fashion-MNIST from " + found.dir() + ": "
                            + e.getMessage());
                }
            }
            case FashionMnist.Location.Absent absent -> {
                if (request.dataDir() != null) {
                    throw AssayException.badInput(absent.reason());
                }
                String warning = "Fashion-MNIST is not installed, so a synthetic stand-in task was trained "
                        + "(labelled synthetic; not comparable). Install the dataset with: " + FashionMnist.INSTALL_HINT;
                out.warnings().add(warning);
                progress.accept(warning);
                yield ClassifierData.synthetic("dataset not installed: " + FashionMnist.INSTALL_HINT, request.seed());
            }
        };
    }

    @Override
    public void close() {
        cached = null;
    }
}
