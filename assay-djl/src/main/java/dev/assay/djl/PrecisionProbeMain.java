package dev.assay.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;

/**
 * Child-process entry point of {@link PrecisionProbe}: exercises in one data type what the
 * mixed-precision step of {@link TrainingSession} needs (create tensors of the type, dense,
 * GELU, convolution and log-softmax forward and backward in it, widen the gradient to FP32)
 * and prints one verdict line naming the stage that failed. Run in a separate JVM because
 * some combinations abort the process from native code (DJL 0.35 on CPU aborts when it
 * creates a BFLOAT16 array), which no Java handler can catch.
 */
public final class PrecisionProbeMain {
    /** Prefix of the verdict line on stdout. */
    static final String OK = "ASSAY-PROBE OK ";
    static final String FAIL = "ASSAY-PROBE FAIL ";
    static final String STAGE = "ASSAY-PROBE STAGE ";

    private PrecisionProbeMain() {
    }

    /** Announces a stage first, so the parent can tell where a native abort happened. */
    private static String stage(String stage) {
        System.out.println(STAGE + stage);
        System.out.flush();
        return stage;
    }

    /** {@code args[0]}: DJL data type name, e.g. FLOAT16 or BFLOAT16. */
    public static void main(String[] args) {
        String type = args.length > 0 ? args[0] : "";
        String stage = stage("loading the engine");
        try {
            DjlRuntime.configure();
            Engine engine = Engine.getEngine(DjlRuntime.ENGINE_NAME);
            DataType dt = DataType.valueOf(type);
            try (NDManager m = engine.newBaseManager()) {
                stage = stage("creating a " + type + " tensor");
                NDArray w = m.randomNormal(new Shape(4, 16)).toType(dt, false);
                w.setRequiresGradient(true);
                NDArray k = m.randomNormal(new Shape(2, 1, 3, 3)).toType(dt, false);
                k.setRequiresGradient(true);
                NDArray x = m.randomNormal(new Shape(8, 16)).toType(dt, false);
                NDArray img = m.randomNormal(new Shape(1, 1, 5, 5)).toType(dt, false);
                try (GradientCollector gc = engine.newGradientCollector()) {
                    stage = stage("dense, GELU, conv and log-softmax forward in " + type);
                    NDArray y = Activation.gelu(Linear.linear(x, w).singletonOrThrow()).logSoftmax(-1).mean();
                    NDArray c = Conv2d.conv2d(img, k).singletonOrThrow().mean();
                    stage = stage("backward in " + type);
                    gc.backward(y.add(c).mul(1024f));
                }
                stage = stage("widening the " + type + " gradient to FP32");
                float[] g = w.getGradient().toType(DataType.FLOAT32, true).toFloatArray();
                for (float v : g) {
                    if (!Float.isFinite(v)) {
                        System.out.println(FAIL + type + ": gradient is not finite after backward in " + type);
                        return;
                    }
                }
                System.out.println(OK + type + ": dense, GELU, conv, log-softmax forward and backward in " + type
                        + " on PyTorch " + engine.getVersion());
            }
        } catch (Throwable t) {
            System.out.println(FAIL + type + ": failed while " + stage + ": " + t.getClass().getSimpleName() + ": "
                    + t.getMessage());
        }
    }
}
