package dev.assay.onnxruntime.ceiling;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import dev.assay.api.roofline.Ceiling;
import dev.assay.api.roofline.CeilingOutcome;
import dev.assay.api.roofline.CeilingProvider;
import dev.assay.api.roofline.Effort;
import dev.assay.onnxruntime.onnx.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Peak GEMM throughput through ONNX Runtime's CPU execution provider: FP32 {@code MatMul} and
 * INT8 {@code MatMulInteger} (uint8 x int8 -> int32, the layout MLAS's fast integer kernels
 * take). Square N x N x N, 2 N^3 operations per call; inputs and the output are allocated once
 * (output pinned) so only the GEMM is timed; best of several calls after one warm-up call.
 * Full: N = 4096, best of 3; quick: N = 2048, best of 2.
 */
public final class OrtGemmCeilingProvider implements CeilingProvider {

    @Override
    public String name() {
        return "onnxruntime-gemm";
    }

    @Override
    public List<String> precisions() {
        return List.of("fp32", "int8");
    }

    /** One GEMM configuration. */
    record Gemm(String precision, String opType, DataType aType, DataType bType, DataType outType) {
    }

    static final Gemm FP32 = new Gemm("fp32", "MatMul", DataType.FLOAT, DataType.FLOAT, DataType.FLOAT);
    static final Gemm INT8 = new Gemm("int8", "MatMulInteger", DataType.UINT8, DataType.INT8, DataType.INT32);

    @Override
    public List<CeilingOutcome> measure(Effort effort, int threads) {
        int n = effort == Effort.QUICK ? 2048 : 4096;
        int reps = effort == Effort.QUICK ? 2 : 3;
        String runtime = "onnxruntime";
        OrtEnvironment env;
        try {
            env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "assay");
            runtime = "onnxruntime " + env.getVersion();
        } catch (RuntimeException | LinkageError e) {
            String reason = "ONNX Runtime native library did not load: " + e;
            return List.of(new CeilingOutcome.NotMeasured("fp32", runtime, reason),
                    new CeilingOutcome.NotMeasured("int8", runtime, reason));
        }
        List<CeilingOutcome> out = new ArrayList<>();
        for (Gemm g : List.of(FP32, INT8)) {
            try {
                out.add(new CeilingOutcome.Measured(measure(env, runtime, g, n, reps, threads)));
            } catch (OrtException | RuntimeException e) {
                out.add(new CeilingOutcome.NotMeasured(g.precision(), runtime, g.opType() + " " + n + "^3 failed: " + e.getMessage()));
            }
        }
        return out;
    }

    static Ceiling measure(OrtEnvironment env, String runtime, Gemm g, int n, int reps, int threads) throws OrtException {
        byte[] model = GemmModel.encode(g.opType(), g.aType(), g.bType(), g.outType(), n, n, n);
        long[] shape = {n, n};
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setIntraOpNumThreads(threads);
            so.setInterOpNumThreads(1);
            so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            try (OrtSession session = env.createSession(model, so);
                 OnnxTensor a = tensor(env, g.aType(), shape, 1);
                 OnnxTensor b = tensor(env, g.bType(), shape, 2);
                 OnnxTensor y = tensor(env, g.outType(), shape, 0)) {
                Map<String, OnnxTensor> inputs = Map.of("A", a, "B", b);
                Map<String, OnnxValue> pinned = Map.of("Y", y);
                long best = Long.MAX_VALUE;
                for (int rep = 0; rep <= reps; rep++) {
                    long t0 = System.nanoTime();
                    try (OrtSession.Result ignored = session.run(inputs, pinned)) {
                        long t = System.nanoTime() - t0;
                        if (rep > 0) { // the first call allocates, packs and warms caches
                            best = Math.min(best, t);
                        }
                    }
                }
                double gflops = 2.0 * n * n * (double) n / best;
                String method = String.format(Locale.ROOT,
                        "%s %dx%dx%d (%s), inputs as graph inputs, output pinned, best of %d after 1 warm-up, "
                                + "%d intra-op thread(s), CPU execution provider; best call %.3f s",
                        g.opType(), n, n, n, g.precision().equals("int8") ? "uint8 x int8 -> int32, 2 ops per MAC" : "fp32",
                        reps, threads, best / 1e9);
                return new Ceiling(g.precision(), gflops, runtime, method);
            }
        }
    }

    /** A direct-buffer tensor of small deterministic values (seed > 0) or zeros (seed 0). */
    static OnnxTensor tensor(OrtEnvironment env, DataType type, long[] shape, long seed) throws OrtException {
        int elements = Math.toIntExact(shape[0] * shape[1]);
        SplittableRandom random = new SplittableRandom(seed);
        return switch (type) {
            case FLOAT -> {
                ByteBuffer buf = ByteBuffer.allocateDirect(elements * 4).order(ByteOrder.nativeOrder());
                var fb = buf.asFloatBuffer();
                for (int i = 0; i < elements && seed != 0; i++) {
                    fb.put(i, (float) (random.nextDouble() - 0.5));
                }
                yield OnnxTensor.createTensor(env, fb, shape);
            }
            case UINT8, INT8 -> {
                ByteBuffer buf = ByteBuffer.allocateDirect(elements).order(ByteOrder.nativeOrder());
                for (int i = 0; i < elements && seed != 0; i++) {
                    buf.put(i, (byte) random.nextInt(type == DataType.UINT8 ? 256 : 255));
                }
                yield OnnxTensor.createTensor(env, buf, shape, type == DataType.UINT8 ? OnnxJavaType.UINT8 : OnnxJavaType.INT8);
            }
            case INT32 -> {
                ByteBuffer buf = ByteBuffer.allocateDirect(elements * 4).order(ByteOrder.nativeOrder());
                yield OnnxTensor.createTensor(env, buf.asIntBuffer(), shape);
            }
            default -> throw new IllegalArgumentException("unsupported element type " + type);
        };
    }
}
