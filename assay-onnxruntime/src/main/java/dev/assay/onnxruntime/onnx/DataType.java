package dev.assay.onnxruntime.onnx;

/**
 * ONNX tensor element types (TensorProto.DataType) with their storage width. Only the
 * numeric ones are fully handled; others are carried through by code.
 */
public enum DataType {
    UNDEFINED(0, 0), FLOAT(1, 32), UINT8(2, 8), INT8(3, 8), UINT16(4, 16), INT16(5, 16), INT32(6, 32),
    INT64(7, 64), STRING(8, 0), BOOL(9, 8), FLOAT16(10, 16), DOUBLE(11, 64), UINT32(12, 32), UINT64(13, 64),
    COMPLEX64(14, 64), COMPLEX128(15, 128), BFLOAT16(16, 16), FLOAT8E4M3FN(17, 8), FLOAT8E4M3FNUZ(18, 8),
    FLOAT8E5M2(19, 8), FLOAT8E5M2FNUZ(20, 8), UINT4(21, 4), INT4(22, 4);

    private final int code;
    private final int bits;

    DataType(int code, int bits) {
        this.code = code;
        this.bits = bits;
    }

    /** The TensorProto.DataType number. */
    public int code() {
        return code;
    }

    /** Storage width in bits (0 for strings and undefined). */
    public int bits() {
        return bits;
    }

    /** Bytes taken by {@code elements} values of this type, packed (4-bit types round up). */
    public long bytesFor(long elements) {
        return (elements * bits + 7) / 8;
    }

    public boolean isFloatingPoint() {
        return this == FLOAT || this == FLOAT16 || this == BFLOAT16 || this == DOUBLE
                || name().startsWith("FLOAT8");
    }

    public boolean isInteger() {
        return switch (this) {
            case UINT8, INT8, UINT16, INT16, INT32, INT64, UINT32, UINT64, UINT4, INT4 -> true;
            default -> false;
        };
    }

    /** Lower-case name as ONNX tools print it, e.g. {@code float16}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static DataType of(int code) throws OnnxFormatException {
        for (DataType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new OnnxFormatException("unknown tensor data type " + code);
    }
}
