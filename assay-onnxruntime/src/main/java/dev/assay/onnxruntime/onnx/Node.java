package dev.assay.onnxruntime.onnx;

import java.util.ArrayList;
import java.util.List;

/**
 * One operator application (NodeProto). An empty input name means "optional input omitted".
 *
 * @param name       node name
 * @param opType     operator, e.g. {@code MatMul}
 * @param domain     operator set domain: "" for the default ONNX domain, {@code com.microsoft} for ORT contrib ops
 * @param inputs     input value names
 * @param outputs    output value names
 * @param attributes attributes
 * @param unknown    encoded fields not modelled (doc string, metadata)
 */
public record Node(String name, String opType, String domain, List<String> inputs, List<String> outputs,
                   List<Attribute> attributes, byte[] unknown) {
    public Node {
        if (opType == null || opType.isEmpty()) {
            throw new IllegalArgumentException("node '" + name + "' needs an op_type");
        }
        name = name == null ? "" : name;
        domain = domain == null || domain.equals("ai.onnx") ? "" : domain;
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        attributes = List.copyOf(attributes);
    }

    public Node(String name, String opType, String domain, List<String> inputs, List<String> outputs,
                List<Attribute> attributes) {
        this(name, opType, domain, inputs, outputs, attributes, null);
    }

    public Attribute attribute(String attrName) {
        return Attribute.find(attributes, attrName);
    }

    public long intAttr(String attrName, long fallback) {
        Attribute a = attribute(attrName);
        return a == null ? fallback : a.i();
    }

    public long[] intsAttr(String attrName) {
        Attribute a = attribute(attrName);
        return a == null || a.ints() == null ? null : a.ints();
    }

    /** op_type qualified with its domain when not the default one, e.g. {@code com.microsoft.MatMulNBits}. */
    public String qualifiedOp() {
        return domain.isEmpty() ? opType : domain + "." + opType;
    }

    public String input(int index) {
        return index < inputs.size() ? inputs.get(index) : "";
    }

    public Node withInputs(List<String> newInputs) {
        return new Node(name, opType, domain, newInputs, outputs, attributes, unknown);
    }

    public Node withAttribute(Attribute replacement) {
        List<Attribute> list = new ArrayList<>();
        for (Attribute a : attributes) {
            if (!a.name().equals(replacement.name())) {
                list.add(a);
            }
        }
        list.add(replacement);
        return new Node(name, opType, domain, inputs, outputs, list, unknown);
    }
}
