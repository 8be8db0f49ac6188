package dev.assay.onnxruntime.cost;

import dev.assay.onnxruntime.onnx.DataType;
import java.util.Arrays;

/**
 * What shape inference knows about one graph value.
 *
 * @param type     element type, or null when unknown
 * @param dims     dimensions (-1 = unknown size), or null when even the rank is unknown
 * @param constant the values of a small integer tensor when known statically (shape arithmetic), else null
 */
public record ValueShape(DataType type, long[] dims, long[] constant) {
    public static final ValueShape UNKNOWN = new ValueShape(null, null, null);

    /** Whether every dimension is known. */
    public boolean isStatic() {
        if (dims == null) {
            return false;
        }
        for (long d : dims) {
            if (d < 0) {
                return false;
            }
        }
        return true;
    }

    public long elements() {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }

    public int rank() {
        return dims == null ? -1 : dims.length;
    }

    @Override
    public String toString() {
        return (type == null ? "?" : type.id()) + (dims == null ? "[?]" : Arrays.toString(dims));
    }
}
