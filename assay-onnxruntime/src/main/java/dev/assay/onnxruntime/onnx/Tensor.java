package dev.assay.onnxruntime.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A constant tensor (TensorProto), always held as little-endian raw bytes whatever field the
 * file used; {@code external} is set when the data lives in a separate file, which this codec
 * does not load.
 *
 * @param name     tensor name
 * @param type     element type
 * @param dims     shape
 * @param raw      little-endian packed data (empty for external data or strings)
 * @param unknown  encoded fields not modelled here (string data, external data location...)
 * @param external whether the data is stored outside the model file
 */
public record Tensor(String name, DataType type, long[] dims, byte[] raw, byte[] unknown, boolean external) {
    public Tensor {
        if (type == null) {
            throw new IllegalArgumentException("tensor '" + name + "' needs a data type");
        }
        dims = dims.clone();
        for (long d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor '" + name + "' has negative dimension " + d);
            }
        }
        long expect = type.bytesFor(elementCount(dims));
        if (!external && type.bits() > 0 && raw.length != expect) {
            throw new IllegalArgumentException("tensor '" + name + "' of " + type.id() + Arrays.toString(dims)
                    + " needs " + expect + " bytes, got " + raw.length);
        }
    }

    public static long elementCount(long[] dims) {
        long n = 1;
        for (long d : dims) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    public long elementCount() {
        return elementCount(dims);
    }

    /** Bytes the tensor occupies in memory (its raw data). */
    public long byteSize() {
        return type.bytesFor(elementCount());
    }

    private ByteBuffer le() {
        return ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    }

    public static Tensor ofFloats(String name, long[] dims, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return new Tensor(name, DataType.FLOAT, dims, b.array(), null, false);
    }

    public static Tensor ofLongs(String name, long[] dims, long[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return new Tensor(name, DataType.INT64, dims, b.array(), null, false);
    }

    public static Tensor ofBytes(String name, DataType type, long[] dims, byte[] values) {
        return new Tensor(name, type, dims, values.clone(), null, false);
    }

    public Tensor withName(String newName) {
        return new Tensor(newName, type, dims, raw, unknown, external);
    }

    /** Values as floats; FLOAT, FLOAT16, BFLOAT16 and DOUBLE are converted. */
    public float[] floats() {
        int n = Math.toIntExact(elementCount());
        float[] out = new float[n];
        ByteBuffer b = le();
        switch (type) {
            case FLOAT -> b.asFloatBuffer().get(out);
            case DOUBLE -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (float) b.getDouble(8 * i);
                }
            }
            case FLOAT16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Float.float16ToFloat(b.getShort(2 * i));
                }
            }
            case BFLOAT16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Float.intBitsToFloat((b.getShort(2 * i) & 0xFFFF) << 16);
                }
            }
            default -> throw new IllegalStateException("tensor '" + name + "' is " + type.id() + ", not floating point");
        }
        return out;
    }

    /** Values of an integer tensor as longs (small shape/index tensors). */
    public long[] longs() {
        int n = Math.toIntExact(elementCount());
        long[] out = new long[n];
        ByteBuffer b = le();
        for (int i = 0; i < n; i++) {
            out[i] = switch (type) {
                case INT64, UINT64 -> b.getLong(8 * i);
                case INT32 -> b.getInt(4 * i);
                case UINT32 -> b.getInt(4 * i) & 0xFFFFFFFFL;
                case INT16 -> b.getShort(2 * i);
                case UINT16 -> b.getShort(2 * i) & 0xFFFF;
                case INT8 -> b.get(i);
                case UINT8, BOOL -> b.get(i) & 0xFF;
                default -> throw new IllegalStateException("tensor '" + name + "' is " + type.id() + ", not an integer");
            };
        }
        return out;
    }

    @Override
    public String toString() {
        return "Tensor[" + name + " " + type.id() + Arrays.toString(dims) + "]";
    }
}
