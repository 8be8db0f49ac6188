package dev.assay.djl.ceiling;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import dev.assay.api.backend.Availability;
import dev.assay.api.roofline.Ceiling;
import dev.assay.api.roofline.CeilingOutcome;
import dev.assay.api.roofline.CeilingProvider;
import dev.assay.api.roofline.Effort;
import dev.assay.djl.DjlTrainingProvider;
import java.util.List;
import java.util.Locale;

/**
 * FP32 GEMM ceiling through DJL's PyTorch engine: {@code C = A.matMul(B)} on square N x N
 * float32 arrays (2 N^3 FLOPs per call; eager CPU execution, so the call returns when the
 * product is computed), best of several calls after one warm-up. Full: N = 4096, best of 3;
 * quick: N = 2048, best of 2. The engine is loaded through the DJL backend's own provider so
 * its pinned settings (offline natives, cache folder, thread counts) apply here too.
 */
public final class DjlGemmCeilingProvider implements CeilingProvider {

    @Override
    public String name() {
        return "djl-gemm";
    }

    @Override
    public List<String> precisions() {
        return List.of("fp32");
    }

    @Override
    public List<CeilingOutcome> measure(Effort effort, int threads) {
        String runtime = "djl pytorch";
        Availability a;
        try {
            a = new DjlTrainingProvider().availability();
        } catch (RuntimeException | LinkageError e) {
            return List.of(new CeilingOutcome.NotMeasured("fp32", runtime, "DJL provider failed: " + e));
        }
        if (a instanceof Availability.Unavailable(String reason)) {
            return List.of(new CeilingOutcome.NotMeasured("fp32", runtime, reason));
        }
        int n = effort == Effort.QUICK ? 2048 : 4096;
        int reps = effort == Effort.QUICK ? 2 : 3;
        try {
            Engine engine = Engine.getEngine("PyTorch");
            runtime = "djl " + Engine.getDjlVersion() + " pytorch " + engine.getVersion();
            return List.of(new CeilingOutcome.Measured(gemm(engine, runtime, n, reps)));
        } catch (RuntimeException | LinkageError e) {
            return List.of(new CeilingOutcome.NotMeasured("fp32", runtime, "matMul " + n + "^3 failed: " + e));
        }
    }

    static Ceiling gemm(Engine engine, String runtime, int n, int reps) {
        try (NDManager m = engine.newBaseManager()) {
            NDArray x = m.randomUniform(-0.5f, 0.5f, new Shape(n, n), DataType.FLOAT32);
            NDArray y = m.randomUniform(-0.5f, 0.5f, new Shape(n, n), DataType.FLOAT32);
            long best = Long.MAX_VALUE;
            for (int rep = 0; rep <= reps; rep++) {
                long t0 = System.nanoTime();
                try (NDArray z = x.matMul(y)) {
                    long t = System.nanoTime() - t0;
                    if (rep > 0) { // first call: allocator and thread pool warm-up
                        best = Math.min(best, t);
                    }
                    if (z.getShape().get(0) != n) {
                        throw new IllegalStateException("matMul returned shape " + z.getShape());
                    }
                }
            }
            String method = String.format(Locale.ROOT, "NDArray.matMul %dx%dx%d (fp32), best of %d after 1 warm-up, "
                    + "%d intra-op thread(s); best call %.3f s", n, n, n, reps, JniUtils.getNumThreads(), best / 1e9);
            return new Ceiling("fp32", 2.0 * n * n * (double) n / best, runtime, method);
        }
    }
}
