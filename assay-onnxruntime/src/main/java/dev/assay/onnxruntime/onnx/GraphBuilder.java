package dev.assay.onnxruntime.onnx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fluent builder for ONNX graphs. Value names are generated unless given, so model code
 * reads like the network it describes:
 *
 * <pre>{@code
 * GraphBuilder g = new GraphBuilder("mlp");
 * String x = g.input("input", DataType.FLOAT, Dim.param("batch"), Dim.of(784));
 * String h = g.op("Relu", g.op("Add", g.op("MatMul", x, w), b));
 * g.output(h, DataType.FLOAT, Dim.param("batch"), Dim.of(512));
 * Model m = g.build();
 * }</pre>
 */
public final class GraphBuilder {
    /** Default ONNX opset: 17 is the first with LayerNormalization and is supported by every recent ORT. */
    public static final long DEFAULT_OPSET = 17;
    /** IR version matching opset 17. */
    public static final long IR_VERSION = 8;
    public static final String MS_DOMAIN = "com.microsoft";

    private final String name;
    private final List<Node> nodes = new ArrayList<>();
    private final List<Tensor> initializers = new ArrayList<>();
    private final List<ValueInfo> inputs = new ArrayList<>();
    private final List<ValueInfo> outputs = new ArrayList<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final Map<String, Integer> counters = new LinkedHashMap<>();

    public GraphBuilder(String name) {
        this.name = name;
    }

    private String fresh(String prefix) {
        int n = counters.merge(prefix, 1, Integer::sum);
        return prefix + "_" + n;
    }

    /** Declares a graph input; returns its name. */
    public String input(String valueName, DataType type, Dim... dims) {
        inputs.add(ValueInfo.tensor(valueName, type, dims));
        return valueName;
    }

    /** Declares an existing value as a graph output with its type and shape. */
    public GraphBuilder output(String valueName, DataType type, Dim... dims) {
        outputs.add(ValueInfo.tensor(valueName, type, dims));
        return this;
    }

    /** Adds a constant tensor; returns its name. */
    public String initializer(Tensor t) {
        initializers.add(t);
        return t.name();
    }

    public String floats(String valueName, long[] dims, float[] values) {
        return initializer(Tensor.ofFloats(valueName, dims, values));
    }

    public String scalar(String valueName, float value) {
        return initializer(Tensor.ofFloats(valueName, new long[0], new float[]{value}));
    }

    public String longs(String valueName, long... values) {
        return initializer(Tensor.ofLongs(valueName, new long[]{values.length}, values));
    }

    /** Records a hint in the model metadata (e.g. how to generate an input). */
    public GraphBuilder metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    /** Single-output node with default domain and no attributes; returns its output name. */
    public String op(String opType, String... in) {
        return node(opType).in(in).out();
    }

    /** Starts a node. */
    public NodeBuilder node(String opType) {
        return new NodeBuilder(opType);
    }

    public Model build() {
        Map<String, Long> opsets = new LinkedHashMap<>();
        opsets.put("", DEFAULT_OPSET);
        for (Node n : nodes) {
            if (n.domain().equals(MS_DOMAIN)) {
                opsets.put(MS_DOMAIN, 1L);
            }
        }
        Graph g = new Graph(name, nodes, initializers, inputs, outputs, List.of(), null);
        return new Model(IR_VERSION, opsets, "assay", "0.1", g, metadata, null);
    }

    /** Fluent node under construction. */
    public final class NodeBuilder {
        private final String opType;
        private String domain = "";
        private final List<String> in = new ArrayList<>();
        private final List<Attribute> attrs = new ArrayList<>();
        private String nodeName;
        private String outName;

        private NodeBuilder(String opType) {
            this.opType = opType;
        }

        public NodeBuilder domain(String d) {
            this.domain = d;
            return this;
        }

        public NodeBuilder in(String... names) {
            in.addAll(List.of(names));
            return this;
        }

        public NodeBuilder attr(String attrName, long value) {
            attrs.add(Attribute.of(attrName, value));
            return this;
        }

        public NodeBuilder attr(String attrName, float value) {
            attrs.add(Attribute.of(attrName, value));
            return this;
        }

        public NodeBuilder attr(String attrName, String value) {
            attrs.add(Attribute.of(attrName, value));
            return this;
        }

        public NodeBuilder attrs(String attrName, long... values) {
            attrs.add(Attribute.of(attrName, values));
            return this;
        }

        public NodeBuilder name(String n) {
            this.nodeName = n;
            return this;
        }

        /** Names the (first) output instead of generating a name. */
        public NodeBuilder named(String valueName) {
            this.outName = valueName;
            return this;
        }

        /** Adds the node with one output; returns the output name. */
        public String out() {
            return outs(1).get(0);
        }

        /** Adds the node with {@code count} outputs; returns their names. */
        public List<String> outs(int count) {
            String n = nodeName != null ? nodeName : fresh(opType);
            List<String> names = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                names.add(i == 0 && outName != null ? outName : n + (count == 1 ? "_out" : "_out" + i));
            }
            nodes.add(new Node(n, opType, domain, in, names, attrs));
            return names;
        }
    }
}
