package dev.assay.onnxruntime;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.assay.api.loadgen.Query;
import dev.assay.api.loadgen.ResponseSink;
import dev.assay.api.loadgen.SystemUnderTest;
import dev.assay.onnxruntime.onnx.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs queries synchronously on the calling thread with {@link OrtSession#run}. ORT sessions
 * are safe for concurrent runs, so the generator may call {@link #issue} from several
 * threads. A query with several samples (multi-stream) runs them one after the other and
 * completes once.
 *
 * <p>When every output shape is known statically, each issuing thread gets its own
 * preallocated ("pinned") output tensors that ORT writes into: this removes the per-call
 * allocation and Java wrapping of outputs, which measured as most of the harness overhead
 * (see BENCHMARKS.md). Outputs are discarded either way; a benchmark does not read them.
 */
final class OrtSut implements SystemUnderTest {
    /** A static output: name, element type, shape. */
    record OutputSpec(String name, DataType type, long[] shape) {
    }

    private final String name;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final OrtSampleLibrary library;
    private final List<OutputSpec> pinnedSpecs;
    private final ThreadLocal<Map<String, OnnxValue>> pinned;
    private final List<Map<String, OnnxValue>> allPinned = new CopyOnWriteArrayList<>();

    /**
     * @param pinnedSpecs output shapes for preallocated outputs, or null to let ORT allocate per call
     */
    OrtSut(String name, OrtEnvironment env, OrtSession session, OrtSampleLibrary library, List<OutputSpec> pinnedSpecs) {
        this.name = name;
        this.env = env;
        this.session = session;
        this.library = library;
        this.pinnedSpecs = pinnedSpecs == null ? null : List.copyOf(pinnedSpecs);
        this.pinned = ThreadLocal.withInitial(this::allocateOutputs);
    }

    boolean pinnedOutputs() {
        return pinnedSpecs != null;
    }

    private Map<String, OnnxValue> allocateOutputs() {
        Map<String, OnnxValue> m = new LinkedHashMap<>();
        try {
            for (OutputSpec s : pinnedSpecs) {
                long n = dev.assay.onnxruntime.onnx.Tensor.elementCount(s.shape());
                ByteBuffer b = ByteBuffer.allocateDirect((int) Math.max(1, s.type().bytesFor(n))).order(ByteOrder.nativeOrder());
                m.put(s.name(), OnnxTensor.createTensor(env, b, s.shape(), javaType(s.type())));
            }
        } catch (OrtException e) {
            m.values().forEach(OnnxValue::close);
            throw new IllegalStateException("cannot preallocate outputs: " + e.getMessage(), e);
        }
        allPinned.add(m);
        return m;
    }

    static OnnxJavaType javaType(DataType t) {
        return switch (t) {
            case FLOAT -> OnnxJavaType.FLOAT;
            case FLOAT16 -> OnnxJavaType.FLOAT16;
            case BFLOAT16 -> OnnxJavaType.BFLOAT16;
            case DOUBLE -> OnnxJavaType.DOUBLE;
            case INT64 -> OnnxJavaType.INT64;
            case INT32 -> OnnxJavaType.INT32;
            case INT8 -> OnnxJavaType.INT8;
            case UINT8 -> OnnxJavaType.UINT8;
            case BOOL -> OnnxJavaType.BOOL;
            default -> throw new IllegalArgumentException("no Java tensor type for " + t.id());
        };
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void issue(Query query, ResponseSink sink) {
        try {
            for (int idx : query.sampleIndices()) {
                Map<String, OnnxTensor> in = library.sample(idx);
                // the result owns ORT-allocated outputs; closing frees them before the next call
                try (OrtSession.Result r = pinnedSpecs != null ? session.run(in, pinned.get()) : session.run(in)) {
                    if (r.size() == 0) {
                        sink.fail(query.id(), "onnxruntime returned no outputs");
                        return;
                    }
                }
            }
            sink.complete(query.id());
        } catch (OrtException | RuntimeException e) {
            sink.fail(query.id(), "onnxruntime run failed: " + e.getMessage());
        }
    }

    @Override
    public boolean synchronous() {
        return true;
    }

    /** Frees the preallocated outputs of every thread (they are re-created on the next issue). */
    void releaseOutputs() {
        allPinned.forEach(m -> m.values().forEach(OnnxValue::close));
        allPinned.clear();
    }

    @Override
    public void close() {
        library.closeAll();
        releaseOutputs();
        try {
            session.close();
        } catch (OrtException e) {
            // closing a session only frees memory; nothing measured is lost
        }
    }
}
