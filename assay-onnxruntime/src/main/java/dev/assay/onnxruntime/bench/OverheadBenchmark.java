package dev.assay.onnxruntime.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.api.Precision;
import dev.assay.api.backend.Backend;
import dev.assay.api.backend.PreparedWorkload;
import dev.assay.api.backend.WorkloadRequest;
import dev.assay.api.loadgen.Query;
import dev.assay.api.loadgen.ResponseSink;
import dev.assay.core.bundle.Json;
import dev.assay.onnxruntime.OrtBackendProvider;
import dev.assay.onnxruntime.onnx.DataType;
import dev.assay.onnxruntime.onnx.Dim;
import dev.assay.onnxruntime.onnx.GraphBuilder;
import dev.assay.onnxruntime.onnx.OnnxCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Benchmark for BENCHMARKS.md (not a test): (1) harness + JNI overhead per inference over ONNX
 * Runtime's own time, from ORT's profiling trace, for the MLP at batch 1; (2) one MatMul+Add
 * layer at batch 32 in FP16 vs FP32 (the FP16 slow path). Usage:
 * {@code java -cp ... dev.assay.onnxruntime.bench.OverheadBenchmark [iterations]}
 */
public final class OverheadBenchmark {
    private OverheadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int iters = args.length > 0 ? Integer.parseInt(args[0]) : 20000;
        Path dir = Files.createTempDirectory("assay-ort-bench");
        try (Backend b = new OrtBackendProvider().create()) {
            System.out.println("ONNX Runtime " + b.spec().version() + ", threads " + b.spec().threads());
            overhead(b, dir, iters);
            fp16SlowPath(b, dir);
        }
    }

    static void overhead(Backend b, Path dir, int iters) throws Exception {
        String prefix = dir.resolve("mlp-profile").toString();
        WorkloadRequest r = new WorkloadRequest("mlp", null, Precision.FP32, 1, 0, 42, Map.of("ortProfile", prefix));
        long[] wall = new long[iters];
        int warm = Math.max(1000, iters / 10);
        try (PreparedWorkload w = b.prepare(r)) {
            w.library().loadSamples(new int[]{0});
            ResponseSink sink = new ResponseSink() {
                public void complete(long id) {
                }

                public void fail(long id, String reason) {
                    throw new IllegalStateException(reason);
                }
            };
            for (int i = 0; i < warm + iters; i++) {
                long t0 = System.nanoTime();
                w.sut().issue(new Query(i, new int[]{0}), sink);
                long t1 = System.nanoTime();
                if (i >= warm) {
                    wall[i - warm] = t1 - t0;
                }
            }
        } // closing the session makes ORT write the profile
        Path trace;
        try (var s = Files.list(dir)) {
            trace = s.filter(p -> p.getFileName().toString().startsWith("mlp-profile")).findFirst().orElseThrow();
        }
        List<Long> modelRun = new ArrayList<>();
        List<Long> executor = new ArrayList<>();
        for (JsonNode e : Json.read(trace)) {
            String name = e.path("name").asText();
            if (name.equals("model_run")) {
                modelRun.add(e.path("dur").asLong() * 1000);
            } else if (name.equals("SequentialExecutor::Execute")) {
                executor.add(e.path("dur").asLong() * 1000);
            }
        }
        // the first events are the preparer's accuracy check and the warm-up: keep the measured tail
        long[] run = tail(modelRun, iters);
        long[] exec = tail(executor, iters);
        System.out.printf("MLP 784-512-512-10 fp32 batch 1, %d measured calls after %d warm-up%n", iters, warm);
        System.out.printf("  harness wall (issue -> complete): median %.2f us, mean %.2f us%n", median(wall) / 1e3, mean(wall) / 1e3);
        System.out.printf("  ORT model_run:                    median %.2f us, mean %.2f us (%d events)%n", median(run) / 1e3, mean(run) / 1e3, run.length);
        System.out.printf("  ORT SequentialExecutor::Execute:  median %.2f us, mean %.2f us%n", median(exec) / 1e3, mean(exec) / 1e3);
        System.out.printf("  overhead over model_run:          median %.2f us, mean %.2f us%n",
                (median(wall) - median(run)) / 1e3, (mean(wall) - mean(run)) / 1e3);
        System.out.printf("  overhead over executor:           median %.2f us, mean %.2f us%n",
                (median(wall) - median(exec)) / 1e3, (mean(wall) - mean(exec)) / 1e3);
    }

    static void fp16SlowPath(Backend b, Path dir) throws Exception {
        GraphBuilder g = new GraphBuilder("matmul_add");
        String x = g.input("input", DataType.FLOAT, Dim.param("batch"), Dim.of(784));
        float[] w = new float[784 * 512];
        float[] bias = new float[512];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (rnd.nextDouble() - 0.5) * 0.1f;
        }
        String y = g.node("Add").in(g.op("MatMul", x, g.floats("w", new long[]{784, 512}, w)),
                g.floats("b", new long[]{512}, bias)).named("y").out();
        g.output(y, DataType.FLOAT, Dim.param("batch"), Dim.of(512));
        Path model = dir.resolve("matmul_add.onnx");
        OnnxCodec.write(g.build(), model);
        System.out.println("MatMul+Add 784x512, batch 32 (median of timed session runs through the SUT):");
        for (Precision p : new Precision[]{Precision.FP32, Precision.FP16}) {
            try (PreparedWorkload pw = b.prepare(new WorkloadRequest("matmul_add", model, p, 32, 0, 1, Map.of()))) {
                pw.library().loadSamples(new int[]{0});
                ResponseSink sink = new ResponseSink() {
                    public void complete(long id) {
                    }

                    public void fail(long id, String reason) {
                        throw new IllegalStateException(reason);
                    }
                };
                int n = p == Precision.FP32 ? 2000 : 40;
                long[] t = new long[n];
                for (int i = 0; i < n + 10; i++) {
                    long t0 = System.nanoTime();
                    pw.sut().issue(new Query(i, new int[]{0}), sink);
                    if (i >= 10) {
                        t[i - 10] = System.nanoTime() - t0;
                    }
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> prec = (Map<String, Object>) pw.disclosure().get("precision");
                System.out.printf("  %s: median %.1f us; operators %s; execution %s%n", p.id(), median(t) / 1e3,
                        pw.disclosure().get("operators"), prec.get("execution"));
            }
        }
    }

    static long[] tail(List<Long> v, int n) {
        int from = Math.max(0, v.size() - n);
        return v.subList(from, v.size()).stream().mapToLong(Long::longValue).toArray();
    }

    static double median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s.length == 0 ? Double.NaN : s[s.length / 2];
    }

    static double mean(long[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }
}
