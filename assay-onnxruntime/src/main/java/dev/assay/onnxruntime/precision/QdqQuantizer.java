package dev.assay.onnxruntime.precision;

import dev.assay.onnxruntime.cost.ShapeInference;
import dev.assay.onnxruntime.cost.ValueShape;
import dev.assay.onnxruntime.onnx.Attribute;
import dev.assay.onnxruntime.onnx.DataType;
import dev.assay.onnxruntime.onnx.Graph;
import dev.assay.onnxruntime.onnx.Model;
import dev.assay.onnxruntime.onnx.Node;
import dev.assay.onnxruntime.onnx.Tensor;
import dev.assay.onnxruntime.onnx.ValueInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Static INT8 quantisation in full QDQ form, laid out the way ONNX Runtime's own quantiser
 * does so its QDQ fusions reach the integer kernels (DQ -> MatMul -> Q becomes QLinearMatMul,
 * DQ -> Conv -> Q becomes QLinearConv, DQ -> Add -> Q becomes QLinearAdd, Relu before a Q
 * with zero point at the range minimum is folded away):
 * <ul>
 *   <li>every float input and output of a quantisable node (MatMul, Gemm, Conv, Add, Relu,
 *       pooling) gets a QuantizeLinear/DequantizeLinear pair; activations are uint8,
 *       asymmetric, per-tensor, with min/max ranges calibrated on sample inputs;</li>
 *   <li>MatMul/Gemm/Conv weights are int8, symmetric (zero point 0), per-tensor or
 *       per-output-channel; Conv/Gemm biases are int32 with scale = input scale x weight scale;
 *       other constant inputs (an Add's bias) are uint8 asymmetric from their own range.</li>
 * </ul>
 * Only the values are rewritten; a producer's output name is moved to the DequantizeLinear
 * output so every consumer, and graph outputs, see the quantised value without rewiring.
 */
public final class QdqQuantizer {
    static final Set<String> QUANTIZABLE = Set.of("MatMul", "Gemm", "Conv", "Add", "Relu", "GlobalAveragePool",
            "MaxPool", "AveragePool");

    private QdqQuantizer() {
    }

    /** What the quantiser will touch, computed from the FP32 graph. */
    public record Plan(List<Node> nodes, Set<String> activations, Map<String, Integer> weights,
                       Map<String, String[]> biases, Set<String> otherConstants) {
    }

    public static Plan plan(Model model) {
        Graph g = model.graph();
        Map<String, Tensor> init = g.initializerMap();
        Map<String, ValueShape> types = ShapeInference.infer(g, Map.of());
        List<Node> chosen = new ArrayList<>();
        Set<String> acts = new LinkedHashSet<>();
        Map<String, Integer> weights = new LinkedHashMap<>();
        Map<String, String[]> biases = new LinkedHashMap<>();
        Set<String> others = new LinkedHashSet<>();
        for (Node n : g.nodes()) {
            if (!n.domain().isEmpty() || !QUANTIZABLE.contains(n.opType()) || !allFloat(n, types)) {
                continue;
            }
            String op = n.opType();
            if (op.equals("Add") && init.containsKey(n.input(0)) && init.containsKey(n.input(1))) {
                continue;
            }
            boolean weighted = op.equals("MatMul") || op.equals("Gemm") || op.equals("Conv");
            if (weighted && init.containsKey(n.input(0))) {
                continue; // constant left operand: leave it alone
            }
            chosen.add(n);
            for (int i = 0; i < n.inputs().size(); i++) {
                String x = n.input(i);
                if (x.isEmpty()) {
                    continue;
                }
                if (!init.containsKey(x)) {
                    acts.add(x);
                } else if (weighted && i == 1 && init.get(x).type() == DataType.FLOAT) {
                    int axis = op.equals("Conv") ? 0 : op.equals("Gemm") && n.intAttr("transB", 0) == 1 ? 0 : 1;
                    weights.put(x, axis);
                } else if (weighted && i == 2 && !op.equals("MatMul")) {
                    biases.put(x, new String[]{n.input(0), n.input(1)});
                } else if (init.get(x).type() == DataType.FLOAT) {
                    others.add(x);
                }
            }
            acts.add(n.outputs().get(0));
        }
        // a constant both used as a weight and elsewhere is quantised once, as a weight
        others.removeAll(weights.keySet());
        others.removeAll(biases.keySet());
        return new Plan(chosen, acts, weights, biases, others);
    }

    private static boolean allFloat(Node n, Map<String, ValueShape> types) {
        for (String x : n.inputs()) {
            if (!x.isEmpty()) {
                ValueShape v = types.get(x);
                if (v == null || v.type() != DataType.FLOAT) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Rewrites the model.
     *
     * @param ranges     calibrated [min, max] of every activation in {@link Plan#activations()}
     * @param perChannel per-output-channel weight scales instead of one per tensor
     */
    public static Model quantize(Model model, Plan plan, Map<String, float[]> ranges, boolean perChannel, boolean reduceRange) {
        int qmax = QuantMath.weightMax(reduceRange);
        Graph g = model.graph();
        Map<String, Tensor> init = g.initializerMap();
        Set<String> graphInputs = new LinkedHashSet<>();
        for (ValueInfo v : g.feedInputs()) {
            graphInputs.add(v.name());
        }
        List<Tensor> newInit = new ArrayList<>();
        List<Node> head = new ArrayList<>();
        Map<String, float[]> actParams = new LinkedHashMap<>();
        Map<String, float[]> weightScales = new LinkedHashMap<>();
        for (String a : plan.activations()) {
            float[] r = ranges.get(a);
            if (r == null) {
                throw new IllegalStateException("no calibration range for " + a);
            }
            actParams.put(a, QuantMath.uint8Params(r[0], r[1]));
        }
        Set<String> replaced = new LinkedHashSet<>();
        // weights: int8 symmetric
        for (Map.Entry<String, Integer> e : plan.weights().entrySet()) {
            Tensor w = init.get(e.getKey());
            float[] scales = weightScalesOf(w, perChannel ? e.getValue() : -1, qmax);
            weightScales.put(w.name(), scales);
            byte[] q = quantizeWeights(w, scales, perChannel ? e.getValue() : -1, qmax);
            String base = w.name();
            newInit.add(Tensor.ofBytes(base + "_quantized", DataType.INT8, w.dims(), q));
            newInit.add(scales.length == 1 ? Tensor.ofFloats(base + "_scale", new long[0], scales)
                    : Tensor.ofFloats(base + "_scale", new long[]{scales.length}, scales));
            newInit.add(Tensor.ofBytes(base + "_zero_point", DataType.INT8, scales.length == 1 ? new long[0] : new long[]{scales.length},
                    new byte[scales.length]));
            List<Attribute> attrs = scales.length == 1 ? List.of() : List.of(Attribute.of("axis", (long) e.getValue()));
            head.add(new Node(base + "_DequantizeLinear", "DequantizeLinear", "", List.of(base + "_quantized", base + "_scale",
                    base + "_zero_point"), List.of(base), attrs));
            replaced.add(base);
        }
        // Conv/Gemm biases: int32 with scale = input scale x weight scale, so the integer kernel can add them directly
        for (Map.Entry<String, String[]> e : plan.biases().entrySet()) {
            Tensor b = init.get(e.getKey());
            float[] sx = actParams.get(e.getValue()[0]);
            float[] sw = weightScales.get(e.getValue()[1]);
            if (sx == null || sw == null) {
                continue;
            }
            float[] vals = b.floats();
            float[] scales = new float[sw.length];
            ByteBuffer buf = ByteBuffer.allocate(vals.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < vals.length; i++) {
                float s = sx[0] * sw[sw.length == 1 ? 0 : i];
                scales[sw.length == 1 ? 0 : i] = s;
                buf.putInt(Math.round(vals[i] / s));
            }
            String base = b.name();
            newInit.add(new Tensor(base + "_quantized", DataType.INT32, b.dims(), buf.array(), null, false));
            newInit.add(scales.length == 1 ? Tensor.ofFloats(base + "_scale", new long[0], scales)
                    : Tensor.ofFloats(base + "_scale", new long[]{scales.length}, scales));
            newInit.add(new Tensor(base + "_zero_point", DataType.INT32, scales.length == 1 ? new long[0] : new long[]{scales.length},
                    new byte[4 * scales.length], null, false));
            List<Attribute> attrs = scales.length == 1 ? List.of() : List.of(Attribute.of("axis", 0L));
            head.add(new Node(base + "_DequantizeLinear", "DequantizeLinear", "", List.of(base + "_quantized", base + "_scale",
                    base + "_zero_point"), List.of(base), attrs));
            replaced.add(base);
        }
        // other constants (an Add's bias): uint8 asymmetric from their own range
        for (String c : plan.otherConstants()) {
            Tensor t = init.get(c);
            float[] v = t.floats();
            float min = Float.MAX_VALUE;
            float max = -Float.MAX_VALUE;
            for (float x : v) {
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
            float[] p = QuantMath.uint8Params(min, max);
            byte[] q = new byte[v.length];
            for (int i = 0; i < v.length; i++) {
                q[i] = QuantMath.quantizeUint8(v[i], p[0], p[1]);
            }
            newInit.add(Tensor.ofBytes(c + "_quantized", DataType.UINT8, t.dims(), q));
            addScaleZp(newInit, c, p);
            head.add(dq(c, c + "_quantized", c));
            replaced.add(c);
        }
        for (Tensor t : g.initializers()) {
            if (!replaced.contains(t.name())) {
                newInit.add(t);
            }
        }
        // activations: graph inputs get Q/DQ up front and consumers rewired; produced values move their name to the DQ
        Map<String, String> rename = new LinkedHashMap<>();
        for (String a : plan.activations()) {
            if (graphInputs.contains(a)) {
                addScaleZp(newInit, a, actParams.get(a));
                head.add(q(a, a, a + "_quantized"));
                head.add(dq(a, a + "_quantized", a + "_dequantized"));
                rename.put(a, a + "_dequantized");
            }
        }
        List<Node> nodes = new ArrayList<>(head);
        for (Node n : g.nodes()) {
            List<String> ins = n.inputs().stream().map(x -> rename.getOrDefault(x, x)).toList();
            List<String> outs = new ArrayList<>(n.outputs());
            List<Node> after = new ArrayList<>();
            for (int i = 0; i < outs.size(); i++) {
                String o = outs.get(i);
                if (plan.activations().contains(o) && !graphInputs.contains(o)) {
                    outs.set(i, o + "_float");
                    addScaleZp(newInit, o, actParams.get(o));
                    after.add(q(o, o + "_float", o + "_quantized"));
                    after.add(dq(o, o + "_quantized", o));
                }
            }
            nodes.add(new Node(n.name(), n.opType(), n.domain(), ins, outs, n.attributes(), n.unknown()));
            nodes.addAll(after);
        }
        Graph out = new Graph(g.name(), nodes, newInit, g.inputs(), g.outputs(), List.of(), g.unknown());
        return model.withGraph(out).withOpset("", Math.max(13, model.opsets().getOrDefault("", 13L)));
    }

    private static void addScaleZp(List<Tensor> init, String base, float[] p) {
        init.add(Tensor.ofFloats(base + "_scale", new long[0], new float[]{p[0]}));
        init.add(Tensor.ofBytes(base + "_zero_point", DataType.UINT8, new long[0], new byte[]{(byte) (int) p[1]}));
    }

    private static Node q(String base, String in, String out) {
        return new Node(base + "_QuantizeLinear", "QuantizeLinear", "", List.of(in, base + "_scale", base + "_zero_point"),
                List.of(out), List.of());
    }

    private static Node dq(String base, String in, String out) {
        return new Node(base + "_DequantizeLinear", "DequantizeLinear", "", List.of(in, base + "_scale", base + "_zero_point"),
                List.of(out), List.of());
    }

    /** Symmetric int8 scales: one for the tensor (axis -1) or one per index along {@code axis}. */
    static float[] weightScalesOf(Tensor w, int axis, int qmax) {
        float[] v = w.floats();
        if (axis < 0) {
            float m = 0;
            for (float x : v) {
                m = Math.max(m, Math.abs(x));
            }
            return new float[]{QuantMath.int8Scale(m, qmax)};
        }
        long[] d = w.dims();
        int channels = (int) d[axis];
        long inner = 1;
        for (int i = axis + 1; i < d.length; i++) {
            inner *= d[i];
        }
        float[] max = new float[channels];
        for (int i = 0; i < v.length; i++) {
            int c = (int) ((i / inner) % channels);
            max[c] = Math.max(max[c], Math.abs(v[i]));
        }
        float[] s = new float[channels];
        for (int c = 0; c < channels; c++) {
            s[c] = QuantMath.int8Scale(max[c], qmax);
        }
        return s;
    }

    static byte[] quantizeWeights(Tensor w, float[] scales, int axis, int qmax) {
        float[] v = w.floats();
        byte[] q = new byte[v.length];
        long inner = 1;
        if (axis >= 0) {
            for (int i = axis + 1; i < w.dims().length; i++) {
                inner *= w.dims()[i];
            }
        }
        for (int i = 0; i < v.length; i++) {
            float s = scales.length == 1 ? scales[0] : scales[(int) ((i / inner) % scales.length)];
            q[i] = QuantMath.quantizeInt8(v[i], s, qmax);
        }
        return q;
    }

    /** Recipe disclosure. */
    public static Map<String, Object> recipe(boolean perChannel, boolean reduceRange, int calibrationSamples, long seed, Plan plan) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("scheme", "static, full QDQ (QuantizeLinear/DequantizeLinear around every quantisable op) for ONNX Runtime's QDQ fusions");
        r.put("quantized_ops", plan.nodes().stream().map(Node::opType).distinct().sorted().toList());
        r.put("quantized_nodes", plan.nodes().size());
        r.put("activations", "uint8, asymmetric, per-tensor, min/max calibration (range widened to include 0)");
        r.put("weights", "int8, symmetric (zero point 0), " + (perChannel ? "per-output-channel" : "per-tensor")
                + (reduceRange ? ", reduced range [-63, 63]" : ", full range [-127, 127]"));
        r.put("reduce_range", reduceRange);
        r.put("conv_gemm_bias", "int32, scale = input scale x weight scale");
        r.put("other_constants", "uint8, asymmetric, per-tensor, from their own range");
        r.put("calibration", Map.of("method", "minmax", "samples", calibrationSamples,
                "data", "synthetic inputs from the input generator, seed " + seed + " (a stream separate from the measured inputs)"));
        return r;
    }
}
