package dev.assay.onnxruntime.precision;

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
import java.util.List;
import java.util.Map;

/**
 * Whole-graph FP16/BF16: every FLOAT initializer, graph input, output and declared value,
 * and every FLOAT-typed {@code Cast}/{@code Constant}, becomes the target type. No casts are
 * added, so any Cast found in the optimised graph was inserted by the runtime: that is how
 * emulation is detected.
 */
public final class FloatConverter {
    private FloatConverter() {
    }

    public static Model convert(Model model, DataType target) {
        if (target != DataType.FLOAT16 && target != DataType.BFLOAT16) {
            throw new IllegalArgumentException("float conversion target must be float16 or bfloat16, was " + target.id());
        }
        Graph g = model.graph();
        List<Tensor> init = new ArrayList<>();
        for (Tensor t : g.initializers()) {
            init.add(t.type() == DataType.FLOAT ? convertTensor(t, target) : t);
        }
        List<Node> nodes = new ArrayList<>();
        for (Node n : g.nodes()) {
            Node m = n;
            Attribute to = n.attribute("to");
            if (n.opType().equals("Cast") && to != null && to.i() == DataType.FLOAT.code()) {
                m = m.withAttribute(Attribute.of("to", (long) target.code()));
            }
            Attribute value = n.attribute("value");
            if (value != null && value.t() != null && value.t().type() == DataType.FLOAT) {
                m = m.withAttribute(Attribute.of("value", convertTensor(value.t(), target)));
            }
            nodes.add(m);
        }
        Graph out = new Graph(g.name(), nodes, init, retype(g.inputs(), target), retype(g.outputs(), target),
                retype(g.valueInfo(), target), g.unknown());
        return model.withGraph(out);
    }

    private static List<ValueInfo> retype(List<ValueInfo> list, DataType target) {
        return list.stream().map(v -> v.elemType() == DataType.FLOAT ? v.withType(target) : v).toList();
    }

    public static Tensor convertTensor(Tensor t, DataType target) {
        float[] f = t.floats();
        ByteBuffer b = ByteBuffer.allocate(f.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : f) {
            b.putShort(target == DataType.FLOAT16 ? Float.floatToFloat16(v) : toBf16(v));
        }
        return new Tensor(t.name(), target, t.dims(), b.array(), t.unknown(), false);
    }

    /** Round-to-nearest-even truncation of an IEEE float to bfloat16 (NaN kept quiet). */
    public static short toBf16(float v) {
        int bits = Float.floatToRawIntBits(v);
        if (Float.isNaN(v)) {
            return (short) ((bits >>> 16) | 0x40);
        }
        int rounding = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }

    public static float fromBf16(short s) {
        return Float.intBitsToFloat((s & 0xFFFF) << 16);
    }

    /** Recipe disclosure for a float conversion. */
    public static Map<String, Object> recipe(DataType target) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("scheme", "whole-graph cast of weights, inputs and outputs to " + target.id());
        r.put("io_type", target.id());
        r.put("rounding", target == DataType.FLOAT16 ? "IEEE round-to-nearest-even (Float.floatToFloat16)" : "round-to-nearest-even of the upper 16 bits");
        r.put("calibration", "none");
        return r;
    }
}
