package dev.assay.onnxruntime.onnx;

import java.util.List;

/**
 * A named graph value with its declared type (ValueInfoProto). Tensor types are modelled;
 * any other type (sequence, map, optional) is kept verbatim in {@code rawType}.
 *
 * @param name     value name
 * @param elemType tensor element type, or null for a non-tensor or missing type
 * @param shape    declared dimensions, or null when the rank is unknown
 * @param rawType  the encoded TypeProto when it is not a plain tensor type, else null
 */
public record ValueInfo(String name, DataType elemType, List<Dim> shape, byte[] rawType) {
    public ValueInfo {
        if (name == null) {
            throw new IllegalArgumentException("value info needs a name");
        }
        shape = shape == null ? null : List.copyOf(shape);
    }

    public static ValueInfo tensor(String name, DataType type, Dim... dims) {
        return new ValueInfo(name, type, List.of(dims), null);
    }

    public ValueInfo withType(DataType type) {
        return new ValueInfo(name, type, shape, rawType);
    }

    public ValueInfo withName(String newName) {
        return new ValueInfo(newName, elemType, shape, rawType);
    }

    /** Shape as text, e.g. {@code [batch, 784]}. */
    public String shapeText() {
        return shape == null ? "?" : shape.toString();
    }
}
