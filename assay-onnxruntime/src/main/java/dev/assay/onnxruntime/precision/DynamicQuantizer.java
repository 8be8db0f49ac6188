package dev.assay.onnxruntime.precision;

import dev.assay.onnxruntime.onnx.Attribute;
import dev.assay.onnxruntime.onnx.DataType;
import dev.assay.onnxruntime.onnx.Graph;
import dev.assay.onnxruntime.onnx.Model;
import dev.assay.onnxruntime.onnx.Node;
import dev.assay.onnxruntime.onnx.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dynamic INT8: each MatMul with a constant 2-D FP32 weight becomes the pattern ONNX
 * Runtime's own {@code quantize_dynamic} emits, which its optimiser fuses into
 * DynamicQuantizeMatMul:
 * {@code DynamicQuantizeLinear(A) -> MatMulInteger(A_q, W_q, A_zp, W_zp) -> Cast(float) -> Mul(A_scale x W_scale)}.
 * Activations are quantised per call (uint8, asymmetric, per-tensor, range of the actual
 * input), weights ahead of time (int8, symmetric, per-tensor). No calibration data.
 */
public final class DynamicQuantizer {
    private DynamicQuantizer() {
    }

    public static Model quantize(Model model, boolean reduceRange) {
        int qmax = QuantMath.weightMax(reduceRange);
        Graph g = model.graph();
        Map<String, Tensor> init = g.initializerMap();
        List<Node> nodes = new ArrayList<>();
        List<Tensor> newInit = new ArrayList<>(g.initializers());
        Map<String, String> quantizedWeights = new LinkedHashMap<>();
        int count = 0;
        for (Node n : g.nodes()) {
            Tensor w = init.get(n.input(1));
            if (!n.opType().equals("MatMul") || !n.domain().isEmpty() || w == null || w.type() != DataType.FLOAT
                    || w.dims().length != 2 || init.containsKey(n.input(0))) {
                nodes.add(n);
                continue;
            }
            String base = n.name().isEmpty() ? "matmul" + count : n.name();
            count++;
            String wq = quantizedWeights.get(w.name());
            if (wq == null) {
                float[] scale = QdqQuantizer.weightScalesOf(w, -1, qmax);
                wq = w.name() + "_quantized";
                newInit.add(Tensor.ofBytes(wq, DataType.INT8, w.dims(), QdqQuantizer.quantizeWeights(w, scale, -1, qmax)));
                newInit.add(Tensor.ofFloats(w.name() + "_scale", new long[0], scale));
                newInit.add(Tensor.ofBytes(w.name() + "_zero_point", DataType.INT8, new long[0], new byte[1]));
                quantizedWeights.put(w.name(), wq);
            }
            String a = n.input(0);
            String aq = base + "_input_quantized";
            String as = base + "_input_scale";
            String az = base + "_input_zero_point";
            nodes.add(new Node(base + "_DynamicQuantizeLinear", "DynamicQuantizeLinear", "", List.of(a), List.of(aq, as, az), List.of()));
            nodes.add(new Node(base + "_MatMulInteger", "MatMulInteger", "", List.of(aq, wq, az, w.name() + "_zero_point"),
                    List.of(base + "_int32"), List.of()));
            nodes.add(new Node(base + "_Cast", "Cast", "", List.of(base + "_int32"), List.of(base + "_float"),
                    List.of(Attribute.of("to", (long) DataType.FLOAT.code()))));
            nodes.add(new Node(base + "_scale_Mul", "Mul", "", List.of(as, w.name() + "_scale"), List.of(base + "_scale"), List.of()));
            nodes.add(new Node(base + "_Mul", "Mul", "", List.of(base + "_float", base + "_scale"), List.of(n.outputs().get(0)), List.of()));
        }
        // drop FP32 weights that are no longer read by anything
        java.util.Set<String> used = new java.util.HashSet<>();
        for (Node n : nodes) {
            used.addAll(n.inputs());
        }
        g.outputs().forEach(v -> used.add(v.name()));
        newInit.removeIf(t -> quantizedWeights.containsKey(t.name()) && !used.contains(t.name()));
        Graph out = new Graph(g.name(), nodes, newInit, g.inputs(), g.outputs(), List.of(), g.unknown());
        return model.withGraph(out).withOpset("", Math.max(13, model.opsets().getOrDefault("", 13L)));
    }

    public static Map<String, Object> recipe(boolean reduceRange) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("scheme", "dynamic: DynamicQuantizeLinear + MatMulInteger (+Cast, Mul) for every MatMul with a constant weight; other ops stay fp32");
        r.put("activations", "uint8, asymmetric, per-tensor, range computed per call from the actual input");
        r.put("weights", "int8, symmetric (zero point 0), per-tensor" + (reduceRange ? ", reduced range [-63, 63]" : ", full range [-127, 127]"));
        r.put("reduce_range", reduceRange);
        r.put("calibration", "none (dynamic)");
        return r;
    }
}
