package dev.assay.onnxruntime.onnx;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A computation graph (GraphProto): nodes in topological order, constant initializers, and
 * declared inputs, outputs and intermediate value types.
 */
public record Graph(String name, List<Node> nodes, List<Tensor> initializers, List<ValueInfo> inputs,
                    List<ValueInfo> outputs, List<ValueInfo> valueInfo, byte[] unknown) {
    public Graph {
        nodes = List.copyOf(nodes);
        initializers = List.copyOf(initializers);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        valueInfo = List.copyOf(valueInfo);
    }

    /** Initializers by name. */
    public Map<String, Tensor> initializerMap() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (Tensor t : initializers) {
            m.put(t.name(), t);
        }
        return m;
    }

    /**
     * Inputs the caller must feed: declared inputs that are not also initializers (older
     * models list initializers among the inputs).
     */
    public List<ValueInfo> feedInputs() {
        Map<String, Tensor> init = initializerMap();
        return inputs.stream().filter(v -> !init.containsKey(v.name())).toList();
    }

    /** Total bytes of all initializers: the weights an inference reads. */
    public long initializerBytes() {
        long n = 0;
        for (Tensor t : initializers) {
            n += t.byteSize();
        }
        return n;
    }

    /** Total element count of floating-point and integer initializers (the parameter count). */
    public long parameterCount() {
        long n = 0;
        for (Tensor t : initializers) {
            n += t.elementCount();
        }
        return n;
    }

    /** op_type (domain-qualified) to node count, in first-seen order. */
    public Map<String, Integer> operatorCounts() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (Node n : nodes) {
            m.merge(n.qualifiedOp(), 1, Integer::sum);
        }
        return m;
    }

    public Graph withNodes(List<Node> newNodes) {
        return new Graph(name, newNodes, initializers, inputs, outputs, valueInfo, unknown);
    }
}
