package dev.assay.onnxruntime.cost;

import dev.assay.onnxruntime.onnx.Graph;
import dev.assay.onnxruntime.onnx.Node;
import dev.assay.onnxruntime.onnx.ValueInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * FLOPs and bytes moved by one inference call, computed from the graph. FLOPs count matrix
 * and convolution work only (2 per multiply-accumulate), the convention of
 * docs/metrics.md: MatMul and its fused/quantised forms, Gemm, Conv. Bytes moved = every
 * initializer read once + graph inputs + graph outputs (the KV cache is part of both for a
 * decoder); intermediate activations are not counted, matching the roofline definition.
 *
 * @param batch          batch size the symbolic dims were bound with
 * @param flops          FLOPs per inference call (the whole batch); meaningful only when {@link #complete()}
 * @param flopsByOp      FLOPs per op type
 * @param weightBytes    initializer bytes
 * @param inputBytes     bytes of all fed inputs
 * @param outputBytes    bytes of all graph outputs
 * @param kvCacheBytes   bytes of inputs/outputs named like a KV cache (past/present), included above
 * @param unresolved     nodes whose cost could not be computed (unknown shape), empty when complete
 */
public record GraphCost(int batch, long flops, Map<String, Long> flopsByOp, long weightBytes, long inputBytes,
                        long outputBytes, long kvCacheBytes, List<String> unresolved) {
    private static final Set<String> MATMULS = Set.of("MatMul", "FusedMatMul", "MatMulInteger", "QLinearMatMul",
            "DynamicQuantizeMatMul", "MatMulIntegerToFloat", "MatMulNBits");
    private static final Set<String> GEMMS = Set.of("Gemm", "FusedGemm", "QGemm");
    private static final Set<String> CONVS = Set.of("Conv", "FusedConv", "ConvInteger", "QLinearConv", "NhwcConv");

    public GraphCost {
        flopsByOp = Map.copyOf(flopsByOp);
        unresolved = List.copyOf(unresolved);
    }

    public boolean complete() {
        return unresolved.isEmpty();
    }

    /** Bytes moved per inference call. */
    public long bytes() {
        return weightBytes + inputBytes + outputBytes;
    }

    /** FLOPs per byte moved (0 when unknown). */
    public double arithmeticIntensity() {
        return complete() && bytes() > 0 ? (double) flops / bytes() : 0;
    }

    /**
     * Analyses {@code g} with symbolic dimensions bound.
     *
     * @param bindings symbolic dimension -> size, e.g. {@code batch -> 8, seq -> 128}
     */
    public static GraphCost of(Graph g, Map<String, Long> bindings, int batch) {
        Map<String, ValueShape> shapes = ShapeInference.infer(g, bindings);
        long flops = 0;
        Map<String, Long> byOp = new LinkedHashMap<>();
        List<String> unresolved = new ArrayList<>();
        for (Node n : g.nodes()) {
            String op = n.opType();
            long f;
            if (MATMULS.contains(op) || GEMMS.contains(op) || CONVS.contains(op)) {
                f = nodeFlops(n, shapes);
                if (f < 0) {
                    unresolved.add(n.qualifiedOp() + " " + n.name());
                    continue;
                }
                flops += f;
                byOp.merge(n.qualifiedOp(), f, Long::sum);
            }
        }
        long inBytes = 0;
        long outBytes = 0;
        long kv = 0;
        for (ValueInfo v : g.feedInputs()) {
            long b = bytesOf(shapes.get(v.name()));
            if (b < 0) {
                unresolved.add("input " + v.name() + " " + v.shapeText());
                continue;
            }
            inBytes += b;
            kv += isKv(v.name()) ? b : 0;
        }
        for (ValueInfo v : g.outputs()) {
            long b = bytesOf(shapes.get(v.name()));
            if (b < 0) {
                unresolved.add("output " + v.name() + " " + v.shapeText());
                continue;
            }
            outBytes += b;
            kv += isKv(v.name()) ? b : 0;
        }
        return new GraphCost(batch, flops, byOp, g.initializerBytes(), inBytes, outBytes, kv, unresolved);
    }

    private static boolean isKv(String name) {
        String s = name.toLowerCase(Locale.ROOT);
        return s.contains("past") || s.contains("present") || s.contains("cache");
    }

    private static long bytesOf(ValueShape v) {
        if (v == null || v.type() == null || !v.isStatic()) {
            return -1;
        }
        return v.type().bytesFor(v.elements());
    }

    private static long nodeFlops(Node n, Map<String, ValueShape> shapes) {
        String op = n.opType();
        ValueShape out = shapes.get(n.outputs().get(0));
        if (out == null || !out.isStatic()) {
            return -1;
        }
        if (op.equals("MatMulNBits")) {
            long k = n.intAttr("K", -1);
            return k < 0 ? -1 : 2 * out.elements() * k;
        }
        if (MATMULS.contains(op)) {
            int aIdx = 0;
            ValueShape a = shapes.get(n.input(aIdx));
            if (a == null || a.dims() == null || a.dims().length == 0) {
                return -1;
            }
            boolean transA = n.intAttr("transA", 0) == 1 && a.dims().length >= 2;
            long k = transA ? a.dims()[a.dims().length - 2] : a.dims()[a.dims().length - 1];
            return k < 0 ? -1 : 2 * out.elements() * k;
        }
        if (GEMMS.contains(op)) {
            ValueShape a = shapes.get(n.input(0));
            if (a == null || a.dims() == null || a.dims().length != 2) {
                return -1;
            }
            long k = n.intAttr("transA", 0) == 1 ? a.dims()[0] : a.dims()[1];
            return k < 0 ? -1 : 2 * out.elements() * k;
        }
        // Conv: every output element needs (Cin/group) * prod(kernel) multiply-accumulates
        ValueShape w = shapes.get(n.input(op.equals("QLinearConv") ? 3 : 1));
        if (w == null || !w.isStatic() || w.dims().length < 3) {
            return -1;
        }
        long perOut = 1;
        for (int i = 1; i < w.dims().length; i++) {
            perOut *= w.dims()[i];
        }
        return 2 * out.elements() * perOut;
    }

    /** JSON-friendly view for the disclosure (per inference call, batch stated). */
    public Map<String, Object> flopsDisclosure() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("per", "inference call");
        m.put("batch", batch);
        m.put("counts", "matmul/gemm/conv multiply-accumulates x 2");
        if (complete()) {
            m.put("value", flops);
            m.put("per_item", (double) flops / batch);
            m.put("by_op", flopsByOp);
        } else {
            m.put("value", null);
            m.put("not_measured", "shapes could not be inferred statically for: " + String.join(", ", unresolved));
        }
        return m;
    }

    public Map<String, Object> bytesDisclosure() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("per", "inference call");
        m.put("batch", batch);
        m.put("definition", "initializers read once + graph inputs + graph outputs (KV cache included in both)");
        m.put("weights", weightBytes);
        m.put("inputs", inputBytes);
        m.put("outputs", outputBytes);
        m.put("kv_cache", kvCacheBytes);
        m.put("value", complete() ? bytes() : null);
        if (complete()) {
            m.put("arithmetic_intensity_flop_per_byte", arithmeticIntensity());
        }
        return m;
    }
}
