package dev.assay.onnxruntime.cost;

import dev.assay.onnxruntime.onnx.Attribute;
import dev.assay.onnxruntime.onnx.DataType;
import dev.assay.onnxruntime.onnx.Dim;
import dev.assay.onnxruntime.onnx.Graph;
import dev.assay.onnxruntime.onnx.Node;
import dev.assay.onnxruntime.onnx.Tensor;
import dev.assay.onnxruntime.onnx.ValueInfo;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Static shape and type inference over the operators the built-in families, the precision
 * passes and common exported models use, with a little constant propagation for shape
 * arithmetic (Shape, Gather, Concat, Unsqueeze... feeding Reshape). Symbolic dimensions are
 * bound from a map (e.g. batch -> 32). An operator it does not know yields an unknown shape
 * rather than a guess; callers report what stayed unknown.
 */
public final class ShapeInference {
    private static final Set<String> SAME_AS_INPUT = Set.of("Relu", "Sigmoid", "Tanh", "Erf", "Sqrt", "Exp", "Log",
            "Neg", "Abs", "Identity", "Softmax", "LogSoftmax", "Gelu", "FastGelu", "BiasGelu", "LayerNormalization",
            "SimplifiedLayerNormalization", "SkipLayerNormalization", "SkipSimplifiedLayerNormalization", "Dropout",
            "Clip", "LeakyRelu", "HardSigmoid", "Floor", "Ceil", "Round", "Reciprocal", "QuickGelu",
            "BatchNormalization", "InstanceNormalization", "GroupNormalization", "Not", "Sin", "Cos", "Softplus",
            "Elu", "Selu", "HardSwish", "Mish", "CumSum");
    private static final Set<String> BROADCAST = Set.of("Add", "Sub", "Mul", "Div", "Pow", "Max", "Min", "Mod",
            "And", "Or", "Xor", "Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual", "BiasAdd", "QLinearAdd",
            "QLinearMul");
    private static final Set<String> COMPARE = Set.of("Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual",
            "And", "Or", "Xor", "Not");

    private final Map<String, ValueShape> values = new HashMap<>();
    private final Map<String, Long> bindings;

    private ShapeInference(Map<String, Long> bindings) {
        this.bindings = bindings;
    }

    /**
     * Infers every value of {@code g}.
     *
     * @param bindings symbolic dimension name to size (unbound symbols stay unknown)
     */
    public static Map<String, ValueShape> infer(Graph g, Map<String, Long> bindings) {
        ShapeInference si = new ShapeInference(bindings);
        for (Tensor t : g.initializers()) {
            long[] constant = t.type().isInteger() && t.elementCount() <= 64 ? t.longs() : null;
            si.values.put(t.name(), new ValueShape(t.type(), t.dims(), constant));
        }
        for (ValueInfo v : g.inputs()) {
            si.values.putIfAbsent(v.name(), si.declared(v));
        }
        for (Node n : g.nodes()) {
            List<ValueShape> out;
            try {
                out = si.node(n);
            } catch (RuntimeException e) {
                out = List.of(); // malformed attributes etc.: leave outputs unknown
            }
            for (int i = 0; i < n.outputs().size(); i++) {
                ValueShape v = i < out.size() && out.get(i) != null ? out.get(i) : ValueShape.UNKNOWN;
                if (!n.outputs().get(i).isEmpty()) {
                    si.values.put(n.outputs().get(i), v);
                }
            }
        }
        // Fill gaps from declared output and value_info types (e.g. outputs of unknown ops).
        for (ValueInfo v : concat(g.outputs(), g.valueInfo())) {
            ValueShape have = si.values.get(v.name());
            if (have == null || have.dims() == null) {
                si.values.put(v.name(), si.declared(v));
            }
        }
        return si.values;
    }

    private static List<ValueInfo> concat(List<ValueInfo> a, List<ValueInfo> b) {
        java.util.ArrayList<ValueInfo> l = new java.util.ArrayList<>(a);
        l.addAll(b);
        return l;
    }

    private ValueShape declared(ValueInfo v) {
        if (v.shape() == null) {
            return new ValueShape(v.elemType(), null, null);
        }
        long[] dims = new long[v.shape().size()];
        for (int i = 0; i < dims.length; i++) {
            Dim d = v.shape().get(i);
            dims[i] = d.isFixed() ? d.value() : d.param() != null ? bindings.getOrDefault(d.param(), -1L) : -1;
        }
        return new ValueShape(v.elemType(), dims, null);
    }

    private ValueShape in(Node n, int i) {
        String name = n.input(i);
        return name.isEmpty() ? ValueShape.UNKNOWN : values.getOrDefault(name, ValueShape.UNKNOWN);
    }

    private static ValueShape of(DataType t, long[] dims) {
        return new ValueShape(t, dims, null);
    }

    private List<ValueShape> node(Node n) {
        String op = n.opType();
        ValueShape a = in(n, 0);
        if (SAME_AS_INPUT.contains(op)) {
            DataType t = COMPARE.contains(op) ? DataType.BOOL : a.type();
            return List.of(of(t, a.dims()));
        }
        if (BROADCAST.contains(op)) {
            if (op.startsWith("QLinear")) {
                ValueShape b = in(n, 3);
                return List.of(of(in(n, 7).type() != null ? in(n, 7).type() : a.type(), broadcast(a.dims(), b.dims())));
            }
            ValueShape b = in(n, 1);
            DataType t = COMPARE.contains(op) ? DataType.BOOL : a.type() != null ? a.type() : b.type();
            return List.of(new ValueShape(t, broadcast(a.dims(), b.dims()), constArith(op, a.constant(), b.constant())));
        }
        return switch (op) {
            case "MatMul", "FusedMatMul" -> List.of(of(a.type(), matmul(a.dims(), in(n, 1).dims(),
                    n.intAttr("transA", 0) == 1, n.intAttr("transB", 0) == 1)));
            case "MatMulInteger" -> List.of(of(DataType.INT32, matmul(a.dims(), in(n, 1).dims(), false, false)));
            case "DynamicQuantizeMatMul", "MatMulIntegerToFloat" -> List.of(of(DataType.FLOAT, matmul(a.dims(), in(n, 1).dims(), false, false)));
            case "QLinearMatMul" -> List.of(of(in(n, 7).type(), matmul(a.dims(), in(n, 3).dims(), false, false)));
            case "MatMulNBits" -> List.of(of(a.type(), replaceLast(a.dims(), n.intAttr("N", -1))));
            case "Gemm", "FusedGemm", "QGemm" -> List.of(of(a.type(), gemm(n, a.dims(), in(n, op.equals("QGemm") ? 3 : 1).dims())));
            case "Conv", "FusedConv", "ConvInteger", "QLinearConv", "NhwcConv" -> List.of(of(
                    op.equals("ConvInteger") ? DataType.INT32 : op.equals("QLinearConv") ? in(n, 7).type() : a.type(),
                    conv(n, a.dims(), in(n, op.equals("QLinearConv") ? 3 : 1).dims())));
            case "MaxPool", "AveragePool" -> List.of(of(a.type(), pool(n, a.dims())));
            case "GlobalAveragePool", "GlobalMaxPool", "QLinearGlobalAveragePool" -> List.of(of(a.type(), global(a.dims())));
            case "Flatten" -> List.of(of(a.type(), flatten(a.dims(), (int) n.intAttr("axis", 1))));
            case "Reshape" -> List.of(new ValueShape(a.type(), reshape(a.dims(), in(n, 1).constant()), a.constant()));
            case "Transpose" -> List.of(of(a.type(), transpose(a.dims(), n.intsAttr("perm"))));
            case "Concat" -> List.of(concatShape(n));
            case "Gather" -> List.of(gather(a, in(n, 1), (int) n.intAttr("axis", 0)));
            case "Unsqueeze", "Squeeze" -> List.of(squeeze(n, a));
            case "Shape" -> List.of(new ValueShape(DataType.INT64, a.dims() == null ? null : new long[]{a.dims().length},
                    a.isStatic() ? a.dims().clone() : null));
            case "Cast" -> List.of(new ValueShape(safeType((int) n.intAttr("to", 0)), a.dims(), a.constant()));
            case "Constant" -> {
                Attribute v = n.attribute("value");
                if (v == null || v.t() == null) {
                    yield List.of(ValueShape.UNKNOWN);
                }
                Tensor t = v.t();
                yield List.of(new ValueShape(t.type(), t.dims(), t.type().isInteger() && t.elementCount() <= 64 ? t.longs() : null));
            }
            case "ConstantOfShape" -> {
                Attribute v = n.attribute("value");
                DataType t = v != null && v.t() != null ? v.t().type() : DataType.FLOAT;
                yield List.of(of(t, a.constant()));
            }
            case "QuantizeLinear" -> List.of(of(in(n, 2).type() != null ? in(n, 2).type() : DataType.UINT8, a.dims()));
            case "DequantizeLinear" -> List.of(of(in(n, 1).type() != null ? in(n, 1).type() : DataType.FLOAT, a.dims()));
            case "DynamicQuantizeLinear" -> List.of(of(DataType.UINT8, a.dims()), of(DataType.FLOAT, new long[0]),
                    of(DataType.UINT8, new long[0]));
            case "Where" -> List.of(of(in(n, 1).type(), broadcast(broadcast(a.dims(), in(n, 1).dims()), in(n, 2).dims())));
            case "Expand" -> List.of(of(a.type(), broadcast(a.dims(), in(n, 1).constant())));
            case "ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin" -> List.of(of(a.type(), reduce(n, a.dims())));
            case "Slice" -> List.of(slice(n, a));
            default -> List.of();
        };
    }

    private static DataType safeType(int code) {
        try {
            return DataType.of(code);
        } catch (dev.assay.onnxruntime.onnx.OnnxFormatException e) {
            return null;
        }
    }

    static long[] broadcast(long[] a, long[] b) {
        if (a == null || b == null) {
            return null;
        }
        int r = Math.max(a.length, b.length);
        long[] out = new long[r];
        for (int i = 0; i < r; i++) {
            long x = i < r - a.length ? 1 : a[i - (r - a.length)];
            long y = i < r - b.length ? 1 : b[i - (r - b.length)];
            out[i] = x == 1 ? y : y == 1 ? x : (x < 0 ? y : x);
        }
        return out;
    }

    private static long[] constArith(String op, long[] a, long[] b) {
        if (a == null || b == null || (a.length != b.length && a.length != 1 && b.length != 1)) {
            return null;
        }
        int n = Math.max(a.length, b.length);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            long x = a[a.length == 1 ? 0 : i];
            long y = b[b.length == 1 ? 0 : i];
            switch (op) {
                case "Add" -> out[i] = x + y;
                case "Sub" -> out[i] = x - y;
                case "Mul" -> out[i] = x * y;
                case "Div" -> {
                    if (y == 0) {
                        return null;
                    }
                    out[i] = x / y;
                }
                default -> {
                    return null;
                }
            }
        }
        return out;
    }

    static long[] matmul(long[] a, long[] b, boolean transA, boolean transB) {
        if (a == null || b == null || a.length == 0 || b.length == 0) {
            return null;
        }
        long[] a2 = a.length == 1 ? new long[]{1, a[0]} : a.clone();
        long[] b2 = b.length == 1 ? new long[]{b[0], 1} : b.clone();
        if (transA) {
            swapLast(a2);
        }
        if (transB) {
            swapLast(b2);
        }
        long[] batch = broadcast(Arrays.copyOf(a2, a2.length - 2), Arrays.copyOf(b2, b2.length - 2));
        long[] out = Arrays.copyOf(batch, batch.length + 2);
        out[batch.length] = a2[a2.length - 2];
        out[batch.length + 1] = b2[b2.length - 1];
        if (a.length == 1) {
            out = remove(out, out.length - 2);
        }
        if (b.length == 1) {
            out = remove(out, out.length - 1);
        }
        return out;
    }

    private static void swapLast(long[] d) {
        long t = d[d.length - 1];
        d[d.length - 1] = d[d.length - 2];
        d[d.length - 2] = t;
    }

    private static long[] remove(long[] d, int idx) {
        long[] out = new long[d.length - 1];
        for (int i = 0, j = 0; i < d.length; i++) {
            if (i != idx) {
                out[j++] = d[i];
            }
        }
        return out;
    }

    private static long[] replaceLast(long[] d, long last) {
        if (d == null || d.length == 0 || last < 0) {
            return null;
        }
        long[] out = d.clone();
        out[out.length - 1] = last;
        return out;
    }

    private static long[] gemm(Node n, long[] a, long[] b) {
        if (a == null || b == null || a.length != 2 || b.length != 2) {
            return null;
        }
        long m = n.intAttr("transA", 0) == 1 ? a[1] : a[0];
        long cols = n.intAttr("transB", 0) == 1 ? b[0] : b[1];
        return new long[]{m, cols};
    }

    private static long[] conv(Node n, long[] x, long[] w) {
        if (x == null || w == null || x.length < 3 || w.length != x.length) {
            return null;
        }
        int spatial = x.length - 2;
        long[] kernel = n.intsAttr("kernel_shape");
        if (kernel == null) {
            kernel = Arrays.copyOfRange(w, 2, w.length);
        }
        long[] out = new long[x.length];
        out[0] = x[0];
        out[1] = w[0];
        long[] strides = n.intsAttr("strides");
        long[] dil = n.intsAttr("dilations");
        long[] pads = n.intsAttr("pads");
        String autoPad = n.attribute("auto_pad") == null ? "NOTSET" : n.attribute("auto_pad").string();
        for (int i = 0; i < spatial; i++) {
            long in = x[i + 2];
            long s = strides == null ? 1 : strides[i];
            long d = dil == null ? 1 : dil[i];
            long k = (kernel[i] - 1) * d + 1;
            if (in < 0) {
                out[i + 2] = -1;
            } else if (autoPad.startsWith("SAME")) {
                out[i + 2] = (in + s - 1) / s;
            } else if (autoPad.equals("VALID")) {
                out[i + 2] = (in - k) / s + 1;
            } else {
                long p = pads == null ? 0 : pads[i] + pads[i + spatial];
                out[i + 2] = (in + p - k) / s + 1;
            }
        }
        return out;
    }

    private static long[] pool(Node n, long[] x) {
        long[] kernel = n.intsAttr("kernel_shape");
        if (x == null || kernel == null) {
            return null;
        }
        long[] fakeW = new long[x.length];
        fakeW[0] = x[1];
        System.arraycopy(kernel, 0, fakeW, 2, kernel.length);
        return conv(n, x, fakeW);
    }

    private static long[] global(long[] x) {
        if (x == null) {
            return null;
        }
        long[] out = x.clone();
        for (int i = 2; i < out.length; i++) {
            out[i] = 1;
        }
        return out;
    }

    private static long[] flatten(long[] x, int axis) {
        if (x == null) {
            return null;
        }
        int ax = axis < 0 ? axis + x.length : axis;
        long a = 1;
        long b = 1;
        for (int i = 0; i < x.length; i++) {
            if (i < ax) {
                a = a < 0 || x[i] < 0 ? -1 : a * x[i];
            } else {
                b = b < 0 || x[i] < 0 ? -1 : b * x[i];
            }
        }
        return new long[]{a, b};
    }

    private static long[] reshape(long[] x, long[] shape) {
        if (shape == null) {
            return null;
        }
        long[] out = shape.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0) {
                out[i] = x != null && i < x.length ? x[i] : -1;
            }
            if (out[i] == -1 && shape[i] == -1) {
                infer = i;
            } else if (out[i] < 0) {
                known = -1;
            } else if (known >= 0) {
                known *= out[i];
            }
        }
        if (infer >= 0) {
            ValueShape xs = new ValueShape(null, x, null);
            out[infer] = x != null && xs.isStatic() && known > 0 ? xs.elements() / known : -1;
        }
        return out;
    }

    private static long[] transpose(long[] x, long[] perm) {
        if (x == null) {
            return null;
        }
        long[] out = new long[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[perm == null ? x.length - 1 - i : (int) perm[i]];
        }
        return out;
    }

    private ValueShape concatShape(Node n) {
        ValueShape first = in(n, 0);
        if (first.dims() == null) {
            return ValueShape.UNKNOWN;
        }
        int axis = (int) n.intAttr("axis", 0);
        int r = first.dims().length;
        int ax = axis < 0 ? axis + r : axis;
        long[] out = first.dims().clone();
        boolean allConst = first.constant() != null && r == 1;
        java.util.ArrayList<Long> consts = new java.util.ArrayList<>();
        for (int i = 0; i < n.inputs().size(); i++) {
            ValueShape v = in(n, i);
            if (v.dims() == null || v.dims().length != r) {
                return of(first.type(), null);
            }
            if (i > 0) {
                out[ax] = out[ax] < 0 || v.dims()[ax] < 0 ? -1 : out[ax] + v.dims()[ax];
            }
            if (v.constant() == null) {
                allConst = false;
            } else {
                for (long c : v.constant()) {
                    consts.add(c);
                }
            }
        }
        return new ValueShape(first.type(), out, allConst ? consts.stream().mapToLong(Long::longValue).toArray() : null);
    }

    private static ValueShape gather(ValueShape data, ValueShape idx, int axis) {
        if (data.dims() == null || idx.dims() == null) {
            return of(data.type(), null);
        }
        int ax = axis < 0 ? axis + data.dims().length : axis;
        long[] out = new long[data.dims().length - 1 + idx.dims().length];
        int k = 0;
        for (int i = 0; i < ax; i++) {
            out[k++] = data.dims()[i];
        }
        for (long d : idx.dims()) {
            out[k++] = d;
        }
        for (int i = ax + 1; i < data.dims().length; i++) {
            out[k++] = data.dims()[i];
        }
        long[] c = null;
        if (data.constant() != null && idx.constant() != null && data.dims().length == 1) {
            c = new long[idx.constant().length];
            for (int i = 0; i < c.length; i++) {
                long j = idx.constant()[i];
                if (j < 0) {
                    j += data.constant().length;
                }
                if (j < 0 || j >= data.constant().length) {
                    return of(data.type(), out);
                }
                c[i] = data.constant()[(int) j];
            }
        }
        return new ValueShape(data.type(), out, c);
    }

    private ValueShape squeeze(Node n, ValueShape a) {
        long[] axes = n.intsAttr("axes");
        if (axes == null && n.inputs().size() > 1) {
            axes = in(n, 1).constant();
        }
        if (a.dims() == null) {
            return of(a.type(), null);
        }
        boolean unsq = n.opType().equals("Unsqueeze");
        if (axes == null) {
            if (unsq) {
                return of(a.type(), null);
            }
            long[] out = Arrays.stream(a.dims()).filter(d -> d != 1).toArray();
            return new ValueShape(a.type(), out, a.constant());
        }
        int outRank = unsq ? a.dims().length + axes.length : a.dims().length - axes.length;
        Set<Integer> ax = new java.util.HashSet<>();
        for (long x : axes) {
            ax.add((int) (x < 0 ? x + (unsq ? outRank : a.dims().length) : x));
        }
        long[] out = new long[outRank];
        if (unsq) {
            for (int i = 0, j = 0; i < outRank; i++) {
                out[i] = ax.contains(i) ? 1 : a.dims()[j++];
            }
        } else {
            for (int i = 0, j = 0; i < a.dims().length; i++) {
                if (!ax.contains(i)) {
                    out[j++] = a.dims()[i];
                }
            }
        }
        return new ValueShape(a.type(), out, a.constant());
    }

    private static long[] reduce(Node n, long[] x) {
        long[] axes = n.intsAttr("axes");
        if (x == null || axes == null) {
            return null;
        }
        boolean keep = n.intAttr("keepdims", 1) == 1;
        Set<Integer> ax = new java.util.HashSet<>();
        for (long a : axes) {
            ax.add((int) (a < 0 ? a + x.length : a));
        }
        java.util.ArrayList<Long> out = new java.util.ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (!ax.contains(i)) {
                out.add(x[i]);
            } else if (keep) {
                out.add(1L);
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    private ValueShape slice(Node n, ValueShape a) {
        long[] starts = in(n, 1).constant();
        long[] ends = in(n, 2).constant();
        long[] axes = n.inputs().size() > 3 ? in(n, 3).constant() : null;
        long[] steps = n.inputs().size() > 4 ? in(n, 4).constant() : null;
        if (a.dims() == null || starts == null || ends == null) {
            return of(a.type(), null);
        }
        long[] out = a.dims().clone();
        long[] c = a.constant() != null && a.dims().length == 1 ? a.constant().clone() : null;
        for (int i = 0; i < starts.length; i++) {
            int ax = (int) (axes == null ? i : axes[i] < 0 ? axes[i] + out.length : axes[i]);
            long step = steps == null ? 1 : steps[i];
            long dim = a.dims()[ax];
            if (dim < 0 || step != 1) {
                out[ax] = -1;
                c = null;
                continue;
            }
            long s = clampIndex(starts[i], dim);
            long e = clampIndex(ends[i], dim);
            out[ax] = Math.max(0, e - s);
            if (c != null) {
                c = Arrays.copyOfRange(c, (int) s, (int) Math.max(s, e));
            }
        }
        return new ValueShape(a.type(), out, c);
    }

    private static long clampIndex(long i, long dim) {
        long v = i < 0 ? i + dim : i;
        return Math.max(0, Math.min(dim, v));
    }
}
