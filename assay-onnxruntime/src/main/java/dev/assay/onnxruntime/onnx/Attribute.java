package dev.assay.onnxruntime.onnx;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A node attribute (AttributeProto). Exactly the fields matching {@code type} are meaningful.
 *
 * @param name    attribute name
 * @param type    which value kind it holds
 * @param f       FLOAT value
 * @param i       INT value
 * @param s       STRING value (bytes)
 * @param t       TENSOR value
 * @param g       GRAPH value (subgraph of If/Loop/Scan)
 * @param floats  FLOATS value
 * @param ints    INTS value
 * @param unknown encoded fields not modelled (strings, tensors, graphs lists, sparse...)
 */
public record Attribute(String name, Type type, float f, long i, byte[] s, Tensor t, Graph g, float[] floats,
                        long[] ints, byte[] unknown) {

    /** AttributeProto.AttributeType values. */
    public enum Type {
        UNDEFINED, FLOAT, INT, STRING, TENSOR, GRAPH, FLOATS, INTS, STRINGS, TENSORS, GRAPHS, SPARSE_TENSOR,
        SPARSE_TENSORS, TYPE_PROTO, TYPE_PROTOS;

        static Type of(long code) {
            return code >= 0 && code < values().length ? values()[(int) code] : UNDEFINED;
        }
    }

    public static Attribute of(String name, long value) {
        return new Attribute(name, Type.INT, 0, value, null, null, null, null, null, null);
    }

    public static Attribute of(String name, float value) {
        return new Attribute(name, Type.FLOAT, value, 0, null, null, null, null, null, null);
    }

    public static Attribute of(String name, String value) {
        return new Attribute(name, Type.STRING, 0, 0, value.getBytes(StandardCharsets.UTF_8), null, null, null, null, null);
    }

    public static Attribute of(String name, long[] values) {
        return new Attribute(name, Type.INTS, 0, 0, null, null, null, null, values.clone(), null);
    }

    public static Attribute of(String name, float[] values) {
        return new Attribute(name, Type.FLOATS, 0, 0, null, null, null, values.clone(), null, null);
    }

    public static Attribute of(String name, Tensor value) {
        return new Attribute(name, Type.TENSOR, 0, 0, null, value, null, null, null, null);
    }

    public String string() {
        return s == null ? null : new String(s, StandardCharsets.UTF_8);
    }

    /** Finds an attribute by name in a list, or null. */
    public static Attribute find(List<Attribute> attributes, String name) {
        for (Attribute a : attributes) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        return null;
    }
}
