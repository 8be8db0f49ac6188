package dev.assay.onnxruntime;

import ai.onnxruntime.OrtEnvironment;
import dev.assay.api.AssayException;
import dev.assay.api.backend.Backend;
import dev.assay.api.backend.PreparedWorkload;
import dev.assay.api.backend.WorkloadRequest;
import dev.assay.api.spec.BackendSpec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ONNX Runtime backend: discloses the runtime and prepares workloads. Per-workload
 * options ({@code threads}, {@code interOpThreads}, {@code optLevel}, {@code executionMode})
 * override the defaults shown in {@link #spec()}; each result's disclosure holds what it ran with.
 */
public final class OrtBackend implements Backend {
    private final OrtEnvironment env;

    OrtBackend(OrtEnvironment env) {
        this.env = env;
    }

    @Override
    public BackendSpec spec() {
        SessionConfig d = SessionConfig.defaults();
        Map<String, Integer> threads = new LinkedHashMap<>();
        threads.put("intra_op", d.intraOpThreads());
        threads.put("inter_op", d.interOpThreads());
        Map<String, String> options = new LinkedHashMap<>();
        options.put("graph_optimization_level", d.optLevel());
        options.put("execution_mode", d.parallel() ? "parallel" : "sequential");
        options.put("memory_pattern", Boolean.toString(d.memoryPattern()));
        options.put("cpu_arena", Boolean.toString(d.cpuArena()));
        options.put("api", "Java (onnxruntime4j), synchronous OrtSession.run on the issuing thread");
        options.put("threads_source", "intra_op = available processors, pinned explicitly; override with option threads=N");
        return new BackendSpec(OrtBackendProvider.NAME, "ONNX Runtime", env.getVersion(), OrtRuntime.providers(),
                "CPUExecutionProvider", threads, options);
    }

    @Override
    public PreparedWorkload prepare(WorkloadRequest request) throws AssayException {
        return new WorkloadPreparer(env, request).prepare();
    }

    /**
     * Real test-set accuracy of a classifier workload at the request's precision: top-1 over
     * {@code images} (already scaled as the model expects, e.g. pixels/255) against {@code labels}.
     * Returns {@code accuracy}, {@code samples}, {@code precision}, {@code variant}.
     */
    public Map<String, Object> testSetAccuracy(WorkloadRequest request, float[][] images, int[] labels) throws AssayException {
        return Evaluation.testSet(env, request, images, labels);
    }

    @Override
    public void close() {
        // the environment is process-wide and shared; sessions are closed with their workloads
    }
}
