package dev.assay.onnxruntime;

import dev.assay.onnxruntime.models.InputHints;
import dev.assay.onnxruntime.onnx.DataType;
import dev.assay.onnxruntime.onnx.Dim;
import dev.assay.onnxruntime.onnx.Model;
import dev.assay.onnxruntime.onnx.ValueInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates model inputs from the declared input shapes: symbolic dimensions are bound from
 * the batch size and sequence length, and values follow the model's hints (built-in
 * families) or rules by input name (external models): token ids get a valid id range, masks
 * are ones, position ids count up, floats are uniform in [0, 1).
 */
final class InputFactory {
    /** Id range for integer inputs of external models that give no hint (kept small to stay valid for any vocabulary). */
    static final int EXTERNAL_ID_RANGE = 100;
    /** Built-in models carry input hints; their sequence default is part of the family, so no warning. */
    private static final String BUILT_IN_MARK = InputHints.INPUT + "input_ids";

    /** One generated input: shape plus values as floats (float types) or longs (integer types). */
    record Generated(String name, DataType type, long[] shape, float[] floats, long[] longs) {
    }

    private final Model model;
    private final Map<String, Long> bindings = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();

    InputFactory(Model model, int batch, int seqLen) {
        this.model = model;
        int seq = seqLen > 0 ? seqLen : dev.assay.onnxruntime.models.ModelFamilies.DEFAULT_SEQ_LEN;
        for (ValueInfo v : model.graph().feedInputs()) {
            if (v.shape() == null) {
                warnings.add("input " + v.name() + " declares no shape; fed as a scalar");
                continue;
            }
            for (int axis = 0; axis < v.shape().size(); axis++) {
                Dim d = v.shape().get(axis);
                if (d.isFixed()) {
                    continue;
                }
                String key = d.param() != null ? d.param() : v.name() + "#" + axis;
                if (bindings.containsKey(key)) {
                    continue;
                }
                String p = d.param() == null ? "" : d.param().toLowerCase(Locale.ROOT);
                long value;
                if (p.contains("batch") || (axis == 0 && !isSequence(p))) {
                    value = batch;
                } else if (isSequence(p) || d.param() == null) {
                    value = seq;
                    if (seqLen == 0 && !model.metadata().containsKey(BUILT_IN_MARK)) {
                        warnings.add("dimension " + (d.param() == null ? key : d.param()) + " of " + v.name()
                                + " bound to the default sequence length " + seq + " (no seqLen requested)");
                    }
                } else {
                    value = 1;
                    warnings.add("symbolic dimension '" + d.param() + "' of input " + v.name() + " bound to 1 (not recognised as batch or sequence)");
                }
                bindings.put(key, value);
            }
        }
    }

    private static boolean isSequence(String p) {
        return p.contains("seq") || p.contains("len") || p.contains("past") || p.contains("total") || p.contains("token")
                || p.contains("time") || p.contains("context");
    }

    /** Symbolic dimension name to bound size (unnamed dims appear as input#axis). */
    Map<String, Long> bindings() {
        return bindings;
    }

    List<String> warnings() {
        return warnings;
    }

    long[] boundShape(ValueInfo v) {
        if (v.shape() == null) {
            return new long[0];
        }
        long[] s = new long[v.shape().size()];
        for (int i = 0; i < s.length; i++) {
            Dim d = v.shape().get(i);
            s[i] = d.isFixed() ? d.value() : bindings.getOrDefault(d.param() != null ? d.param() : v.name() + "#" + i, 1L);
        }
        return s;
    }

    /** Generates one sample (all inputs) from a seed. */
    Map<String, Generated> sample(long seed) {
        Map<String, Generated> out = new LinkedHashMap<>();
        SplittableRandom r = new SplittableRandom(seed);
        for (ValueInfo v : model.graph().feedInputs()) {
            long[] shape = boundShape(v);
            int n = Math.toIntExact(dev.assay.onnxruntime.onnx.Tensor.elementCount(shape));
            String hint = model.metadata().getOrDefault(InputHints.INPUT + v.name(), defaultHint(v));
            DataType t = v.elemType() == null ? DataType.FLOAT : v.elemType();
            SplittableRandom local = r.split();
            if (t.isFloatingPoint()) {
                float lo = 0;
                float hi = 1;
                if (hint.startsWith("uniform:")) {
                    String[] p = hint.split(":");
                    lo = Float.parseFloat(p[1]);
                    hi = Float.parseFloat(p[2]);
                } else if (hint.equals("ones")) {
                    lo = hi = 1;
                } else if (hint.equals("zeros")) {
                    lo = hi = 0;
                }
                float[] f = new float[n];
                for (int i = 0; i < n; i++) {
                    f[i] = lo + (hi - lo) * (float) local.nextDouble();
                }
                out.put(v.name(), new Generated(v.name(), t, shape, f, null));
            } else {
                long[] l = new long[n];
                long last = shape.length == 0 ? 1 : Math.max(1, shape[shape.length - 1]);
                if (hint.startsWith("arange")) {
                    long offset = 0;
                    if (hint.startsWith("arange:")) {
                        offset = bindings.getOrDefault(hint.substring("arange:".length()), 0L);
                    }
                    for (int i = 0; i < n; i++) {
                        l[i] = offset + i % last;
                    }
                } else if (hint.equals("ones")) {
                    java.util.Arrays.fill(l, 1);
                } else if (hint.startsWith("int:")) {
                    String[] p = hint.split(":");
                    long lo = Long.parseLong(p[1]);
                    long hi = Long.parseLong(p[2]);
                    for (int i = 0; i < n; i++) {
                        l[i] = lo + local.nextLong(Math.max(1, hi - lo));
                    }
                }
                out.put(v.name(), new Generated(v.name(), t, shape, null, l));
            }
        }
        return out;
    }

    /** Rules by name for inputs without a hint. */
    private static String defaultHint(ValueInfo v) {
        String n = v.name().toLowerCase(Locale.ROOT);
        if (v.elemType() != null && v.elemType().isFloatingPoint()) {
            return n.contains("mask") ? "ones" : "uniform:0:1";
        }
        if (n.contains("mask")) {
            return "ones";
        }
        if (n.contains("position")) {
            return "arange";
        }
        if (n.contains("token_type") || n.contains("segment")) {
            return "zeros";
        }
        if (v.elemType() == DataType.BOOL) {
            return "ones";
        }
        return "int:0:" + EXTERNAL_ID_RANGE;
    }

    /** How inputs were generated, for the disclosure. */
    Map<String, Object> disclosure() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (ValueInfo v : model.graph().feedInputs()) {
            m.put(v.name(), model.metadata().getOrDefault(InputHints.INPUT + v.name(), defaultHint(v)));
        }
        return m;
    }
}
