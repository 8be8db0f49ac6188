package dev.assay.onnxruntime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.api.AssayException;
import dev.assay.api.Precision;
import dev.assay.api.backend.Backend;
import dev.assay.api.backend.BackendProvider;
import dev.assay.api.backend.PreparedWorkload;
import dev.assay.api.backend.WorkloadRequest;
import dev.assay.api.loadgen.Query;
import dev.assay.api.loadgen.ResponseSink;
import dev.assay.onnxruntime.models.OnnxModels;
import dev.assay.onnxruntime.onnx.OnnxCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real ONNX Runtime, small shapes so the whole class runs in seconds on two cores. */
class OrtBackendTest {
    /** Shrunk family shapes: same graph structure, a fraction of the work. */
    static final Map<String, Map<String, String>> SMALL = Map.of(
            "mlp", Map.of("hidden", "64,64"),
            "mlp-wide", Map.of("hidden", "128,128"),
            "cnn", Map.of("input", "1x16x16", "width", "4"),
            "transformer", Map.of("hidden", "32", "heads", "2", "layers", "1", "vocab", "64"),
            "decoder", Map.of("hidden", "32", "heads", "2", "layers", "1", "vocab", "64"));

    static Backend backend;

    @BeforeAll
    static void start() throws Exception {
        backend = new OrtBackendProvider().create();
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    static WorkloadRequest req(String workload, Precision p, int batch, int seq, Map<String, String> opts) {
        return new WorkloadRequest(workload, null, p, batch, seq, 7, opts);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> d, String key) {
        return (Map<String, Object>) d.get(key);
    }

    /** Issues one query per loaded sample and returns how many completed (failures fail the test). */
    static int runAll(PreparedWorkload w) {
        int n = w.library().performanceSampleCount();
        int[] all = java.util.stream.IntStream.range(0, n).toArray();
        w.library().loadSamples(all);
        AtomicInteger done = new AtomicInteger();
        ResponseSink sink = new ResponseSink() {
            public void complete(long id) {
                done.incrementAndGet();
            }

            public void fail(long id, String reason) {
                throw new AssertionError("query " + id + " failed: " + reason);
            }
        };
        for (int i = 0; i < n; i++) {
            w.sut().issue(new Query(i, new int[]{i}), sink);
        }
        return done.get();
    }

    @Test
    void providerIsFoundByServiceLoaderAndAvailable() {
        BackendProvider p = ServiceLoader.load(BackendProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(x -> x.name().equals("onnxruntime")).findFirst().orElseThrow();
        assertTrue(p.availability().available(), p.availability().toString());
        assertEquals(List.of("mlp", "mlp-wide", "cnn", "transformer", "decoder", "mlp-trained"),
                p.builtInWorkloads().stream().map(w -> w.name()).toList());
        assertEquals("ONNX Runtime", backend.spec().runtime());
        assertTrue(backend.spec().executionProviders().contains("CPUExecutionProvider"));
        assertTrue(backend.spec().threads().get("intra_op") >= 1);
    }

    @Test
    void everyFamilyBuildsLoadsAndRunsAtFp32() throws Exception {
        for (Map.Entry<String, Map<String, String>> e : SMALL.entrySet()) {
            try (PreparedWorkload w = backend.prepare(req(e.getKey(), Precision.FP32, 2, 8, e.getValue()))) {
                assertEquals(2, w.itemsPerSample());
                assertEquals(w.library().performanceSampleCount(), runAll(w), e.getKey());
                Map<String, Object> d = w.disclosure();
                assertEquals(true, map(d, "model").get("synthetic_weights"));
                assertFalse(map(d, "operators").isEmpty());
                assertTrue(((Number) map(d, "flops_per_sample").get("value")).longValue() > 0, e.getKey());
                assertEquals("reference", map(d, "precision").get("execution"));
                // the disclosure goes into run.json: it must serialise with the bundle's JSON settings
                String json = dev.assay.core.bundle.Json.canonical(d);
                for (String key : List.of("model", "session_options", "operators", "flops_per_sample", "bytes_per_sample",
                        "precision", "accuracy", "inputs_generated")) {
                    assertTrue(json.contains("\"" + key + "\""), key + " missing from " + e.getKey());
                }
            }
        }
    }

    @Test
    void decoderCarriesKvCacheInAndOut() throws Exception {
        try (PreparedWorkload w = backend.prepare(req("decoder", Precision.FP32, 3, 10, SMALL.get("decoder")))) {
            Map<String, Object> bytes = map(w.disclosure(), "bytes_per_sample");
            long kv = ((Number) bytes.get("kv_cache")).longValue();
            // past: 2 tensors x [3, 2 heads, 10, 16] fp32 in; present: [3, 2, 11, 16] out
            assertEquals(4L * 2 * (3 * 2 * 10 * 16) + 4L * 2 * (3 * 2 * 11 * 16), kv);
        }
    }

    @Test
    void int8StaticReachesQLinearKernels() throws Exception {
        try (PreparedWorkload w = backend.prepare(req("mlp", Precision.INT8, 4, 0, SMALL.get("mlp")))) {
            Map<String, Object> d = w.disclosure();
            assertTrue(map(d, "operators").containsKey("QLinearMatMul"), map(d, "operators").toString());
            Map<String, Object> p = map(d, "precision");
            assertEquals("int8-static", p.get("variant"));
            assertEquals("native", p.get("execution"));
            assertTrue(map(p, "recipe").get("calibration").toString().contains("minmax"));
            assertEquals(w.library().performanceSampleCount(), runAll(w));
        }
    }

    @Test
    void int8DynamicReachesIntegerMatMul() throws Exception {
        try (PreparedWorkload w = backend.prepare(req("mlp", Precision.INT8, 4, 0, Map.of("hidden", "64,64", "int8", "dynamic")))) {
            Map<String, Object> ops = map(w.disclosure(), "operators");
            assertTrue(ops.containsKey("com.microsoft.DynamicQuantizeMatMul") || ops.containsKey("MatMulInteger"), ops.toString());
            assertEquals("int8-dynamic", map(w.disclosure(), "precision").get("variant"));
        }
    }

    @Test
    void int4UsesMatMulNBits() throws Exception {
        try (PreparedWorkload w = backend.prepare(req("mlp", Precision.INT4, 2, 0, SMALL.get("mlp")))) {
            assertTrue(map(w.disclosure(), "operators").containsKey("com.microsoft.MatMulNBits"));
            assertEquals(w.library().performanceSampleCount(), runAll(w));
        }
    }

    @Test
    void fp16DivergesALittleFromTheFp32Reference() throws Exception {
        try (PreparedWorkload w = backend.prepare(req("mlp", Precision.FP16, 4, 0, SMALL.get("mlp")))) {
            Map<String, Object> acc = map(w.disclosure(), "accuracy");
            double rel = ((Number) acc.get("relative_l2")).doubleValue();
            assertTrue(rel > 0 && rel < 0.02, "fp16 relative L2 " + rel);
            assertTrue(((Number) acc.get("top1_agreement")).doubleValue() >= 0.9);
            assertTrue(List.of("native", "emulated").contains(map(w.disclosure(), "precision").get("execution")));
        }
    }

    @Test
    void bf16IsUnsupportedWithTheRuntimesMessage() {
        AssayException e = assertThrows(AssayException.class, () -> backend.prepare(req("mlp", Precision.BF16, 1, 0, SMALL.get("mlp"))));
        assertEquals(AssayException.Kind.UNSUPPORTED, e.kind());
        assertTrue(e.getMessage().startsWith("onnxruntime CPU cannot run bf16: "), e.getMessage());
        assertTrue(e.getMessage().contains("implementation") || e.getMessage().contains("bfloat16"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void tf32IsUnsupported() {
        AssayException e = assertThrows(AssayException.class, () -> backend.prepare(req("mlp", Precision.TF32, 1, 0, Map.of())));
        assertEquals(AssayException.Kind.UNSUPPORTED, e.kind());
    }

    @Test
    void missingModelFileIsBadInput() {
        Path p = Path.of("/nonexistent/model.onnx");
        AssayException e = assertThrows(AssayException.class,
                () -> backend.prepare(new WorkloadRequest("file", p, Precision.FP32, 1, 0, 1, Map.of())));
        assertEquals(AssayException.Kind.BAD_INPUT, e.kind());
        assertEquals("model file not found: " + p, e.getMessage());
    }

    @Test
    void malformedModelIsBadInputOnOneLine(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("garbage.onnx");
        Files.write(p, "definitely not an onnx model \u0001\u0002\u0003".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        AssayException e = assertThrows(AssayException.class,
                () -> backend.prepare(new WorkloadRequest("file", p, Precision.FP32, 1, 0, 1, Map.of())));
        assertEquals(AssayException.Kind.BAD_INPUT, e.kind());
        assertTrue(e.getMessage().startsWith("not a valid ONNX model: " + p + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void externalModelBindsItsDynamicBatch(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("mlp.onnx");
        OnnxCodec.write(OnnxModels.build("mlp", SMALL.get("mlp"), 0, 3).model(), p);
        try (PreparedWorkload w = backend.prepare(new WorkloadRequest("mlp.onnx", p, Precision.FP32, 8, 0, 1, Map.of()))) {
            Map<String, Object> model = map(w.disclosure(), "model");
            assertEquals("file", model.get("source"));
            assertEquals(false, model.get("synthetic_weights"));
            @SuppressWarnings("unchecked")
            Map<String, Object> in = ((List<Map<String, Object>>) model.get("inputs")).get(0);
            assertEquals(List.of(8L, 784L), in.get("bound_shape"));
            long macs = 784L * 64 + 64L * 64 + 64L * 10;
            assertEquals(2 * macs * 8, ((Number) map(w.disclosure(), "flops_per_sample").get("value")).longValue());
            assertEquals(w.library().performanceSampleCount(), runAll(w));
        }
        // the same external model at int8: precision passes apply to user models too
        try (PreparedWorkload w = backend.prepare(new WorkloadRequest("mlp.onnx", p, Precision.INT8, 2, 0, 1, Map.of()))) {
            assertTrue(map(w.disclosure(), "operators").containsKey("QLinearMatMul"));
        }
    }

    @Test
    void concurrentIssuesFromSeveralThreadsAllComplete() throws Exception {
        try (PreparedWorkload w = backend.prepare(req("decoder", Precision.FP32, 2, 6, SMALL.get("decoder")))) {
            assertEquals("preallocated per issuing thread (static output shapes)",
                    map(w.disclosure(), "session_options").get("output_binding"));
            w.library().loadSamples(new int[]{0, 1});
            AtomicInteger done = new AtomicInteger();
            List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            ResponseSink sink = new ResponseSink() {
                public void complete(long id) {
                    done.incrementAndGet();
                }

                public void fail(long id, String reason) {
                    failures.add(reason);
                }
            };
            Thread[] ts = new Thread[3];
            for (int t = 0; t < ts.length; t++) {
                int base = t * 100;
                ts[t] = new Thread(() -> {
                    for (int i = 0; i < 20; i++) {
                        w.sut().issue(new Query(base + i, new int[]{i % 2}), sink);
                    }
                });
                ts[t].start();
            }
            for (Thread t : ts) {
                t.join();
            }
            assertEquals(List.of(), failures);
            assertEquals(60, done.get());
        }
    }

    @Test
    void badOptionValuesAreBadInput() {
        AssayException e = assertThrows(AssayException.class,
                () -> backend.prepare(req("mlp", Precision.FP32, 1, 0, Map.of("optLevel", "turbo"))));
        assertEquals(AssayException.Kind.BAD_INPUT, e.kind());
        assertTrue(e.getMessage().contains("optLevel"), e.getMessage());
    }

    @Test
    void sessionOptionsAreDisclosedAsRequested() throws Exception {
        try (PreparedWorkload w = backend.prepare(req("mlp", Precision.FP32, 1, 0,
                Map.of("hidden", "16", "threads", "1", "optLevel", "basic")))) {
            Map<String, Object> so = map(w.disclosure(), "session_options");
            assertEquals(1, so.get("intra_op_threads"));
            assertEquals("basic", so.get("graph_optimization_level"));
            // basic level does not create the contrib FusedGemm that the all level does
            assertFalse(map(w.disclosure(), "operators").containsKey("com.microsoft.FusedGemm"));
        }
    }
}
