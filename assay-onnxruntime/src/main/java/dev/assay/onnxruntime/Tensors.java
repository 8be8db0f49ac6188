package dev.assay.onnxruntime;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import dev.assay.onnxruntime.onnx.DataType;
import dev.assay.onnxruntime.precision.FloatConverter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;

/** Conversions between generated values and ORT tensors of the model's declared types. */
final class Tensors {
    private Tensors() {
    }

    /** Creates a tensor of {@code type} from generated values (direct buffers: ORT reads them without a copy). */
    static OnnxTensor create(OrtEnvironment env, InputFactory.Generated g, DataType type) throws OrtException {
        int n = g.floats() != null ? g.floats().length : g.longs().length;
        ByteBuffer b = ByteBuffer.allocateDirect((int) Math.max(1, type.bytesFor(n))).order(ByteOrder.nativeOrder());
        switch (type) {
            case FLOAT -> {
                b.asFloatBuffer().put(floats(g));
                return OnnxTensor.createTensor(env, b.asFloatBuffer(), g.shape());
            }
            case FLOAT16, BFLOAT16 -> {
                ShortBuffer s = b.asShortBuffer();
                for (float f : floats(g)) {
                    s.put(type == DataType.FLOAT16 ? Float.floatToFloat16(f) : FloatConverter.toBf16(f));
                }
                return OnnxTensor.createTensor(env, b.asShortBuffer(), g.shape(),
                        type == DataType.FLOAT16 ? OnnxJavaType.FLOAT16 : OnnxJavaType.BFLOAT16);
            }
            case DOUBLE -> {
                for (float f : floats(g)) {
                    b.putDouble(f);
                }
                b.rewind();
                return OnnxTensor.createTensor(env, b.asDoubleBuffer(), g.shape());
            }
            case INT64 -> {
                b.asLongBuffer().put(g.longs());
                return OnnxTensor.createTensor(env, b.asLongBuffer(), g.shape());
            }
            case INT32 -> {
                for (long l : g.longs()) {
                    b.putInt((int) l);
                }
                b.rewind();
                return OnnxTensor.createTensor(env, b.asIntBuffer(), g.shape());
            }
            case INT8, UINT8, BOOL -> {
                for (long l : g.longs()) {
                    b.put((byte) l);
                }
                b.rewind();
                OnnxJavaType jt = type == DataType.INT8 ? OnnxJavaType.INT8 : type == DataType.UINT8 ? OnnxJavaType.UINT8 : OnnxJavaType.BOOL;
                return OnnxTensor.createTensor(env, b, g.shape(), jt);
            }
            default -> throw new OrtException("input " + g.name() + " has type " + type.id() + ", which the input generator does not produce");
        }
    }

    private static float[] floats(InputFactory.Generated g) {
        if (g.floats() != null) {
            return g.floats();
        }
        float[] f = new float[g.longs().length];
        for (int i = 0; i < f.length; i++) {
            f[i] = g.longs()[i];
        }
        return f;
    }

    /** Reads a float-like output (float, float16, bfloat16, double) as floats; null for other types. */
    static float[] readFloats(OnnxValue v) {
        if (!(v instanceof OnnxTensor t)) {
            return null;
        }
        return switch (t.getInfo().type) {
            case FLOAT -> {
                FloatBuffer fb = t.getFloatBuffer();
                float[] f = new float[fb.remaining()];
                fb.get(f);
                yield f;
            }
            case FLOAT16, BFLOAT16 -> {
                ShortBuffer sb = t.getShortBuffer();
                float[] f = new float[sb.remaining()];
                boolean half = t.getInfo().type == OnnxJavaType.FLOAT16;
                for (int i = 0; i < f.length; i++) {
                    short s = sb.get(i);
                    f[i] = half ? Float.float16ToFloat(s) : FloatConverter.fromBf16(s);
                }
                yield f;
            }
            case DOUBLE -> {
                var db = t.getDoubleBuffer();
                float[] f = new float[db.remaining()];
                for (int i = 0; i < f.length; i++) {
                    f[i] = (float) db.get(i);
                }
                yield f;
            }
            default -> null;
        };
    }
}
