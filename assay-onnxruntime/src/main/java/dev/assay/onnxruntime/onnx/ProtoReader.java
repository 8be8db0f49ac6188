package dev.assay.onnxruntime.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Minimal protobuf wire-format decoder over a byte range. Fields the ONNX codec does not
 * model are collected verbatim with {@link #keepUnknown()} so that rewriting a model keeps them.
 */
final class ProtoReader {
    private final byte[] buf;
    private int pos;
    private final int end;
    private int lastTag;
    private int fieldStart;
    private final ByteArrayOutputStream unknown = new ByteArrayOutputStream();

    ProtoReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    ProtoReader(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
    }

    boolean hasMore() {
        return pos < end;
    }

    /** Reads the next tag; returns the field number. */
    int nextField() throws OnnxFormatException {
        fieldStart = pos;
        long tag = readRawVarint();
        if (tag == 0 || (tag >>> 3) > Integer.MAX_VALUE) {
            throw new OnnxFormatException("invalid protobuf tag " + tag + " at byte " + fieldStart);
        }
        lastTag = (int) tag;
        int wt = wireType();
        if (wt != 0 && wt != 1 && wt != 2 && wt != 5) {
            throw new OnnxFormatException("unsupported protobuf wire type " + wt + " at byte " + fieldStart);
        }
        return lastTag >>> 3;
    }

    int wireType() {
        return lastTag & 7;
    }

    private long readRawVarint() throws OnnxFormatException {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                throw new OnnxFormatException("truncated varint at byte " + pos);
            }
            byte b = buf[pos++];
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new OnnxFormatException("malformed varint at byte " + pos);
    }

    private void expect(int wt, String what) throws OnnxFormatException {
        if (wireType() != wt) {
            throw new OnnxFormatException(what + " field " + (lastTag >>> 3) + " has wire type " + wireType()
                    + ", expected " + wt);
        }
    }

    long varint() throws OnnxFormatException {
        expect(ProtoWriter.VARINT, "varint");
        return readRawVarint();
    }

    float fixed32Float() throws OnnxFormatException {
        expect(ProtoWriter.FIXED32, "float");
        return Float.intBitsToFloat(rawFixed32());
    }

    private int rawFixed32() throws OnnxFormatException {
        if (pos + 4 > end) {
            throw new OnnxFormatException("truncated fixed32 at byte " + pos);
        }
        int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8 | (buf[pos + 2] & 0xFF) << 16 | (buf[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    private long rawFixed64() throws OnnxFormatException {
        long lo = rawFixed32() & 0xFFFFFFFFL;
        long hi = rawFixed32() & 0xFFFFFFFFL;
        return lo | hi << 32;
    }

    double fixed64Double() throws OnnxFormatException {
        expect(ProtoWriter.FIXED64, "double");
        return Double.longBitsToDouble(rawFixed64());
    }

    private int lengthPrefix() throws OnnxFormatException {
        expect(ProtoWriter.LEN, "length-delimited");
        long len = readRawVarint();
        if (len < 0 || len > end - pos) {
            throw new OnnxFormatException("length " + len + " at byte " + pos + " runs past the end (" + (end - pos)
                    + " bytes left)");
        }
        return (int) len;
    }

    byte[] bytes() throws OnnxFormatException {
        int len = lengthPrefix();
        byte[] b = Arrays.copyOfRange(buf, pos, pos + len);
        pos += len;
        return b;
    }

    String string() throws OnnxFormatException {
        int len = lengthPrefix();
        String s = new String(buf, pos, len, StandardCharsets.UTF_8);
        pos += len;
        return s;
    }

    /** A reader over the nested message at the current field. */
    ProtoReader message() throws OnnxFormatException {
        int len = lengthPrefix();
        ProtoReader r = new ProtoReader(buf, pos, len);
        pos += len;
        return r;
    }

    /** Repeated varints, packed or not. */
    void varints(LongList into) throws OnnxFormatException {
        if (wireType() == ProtoWriter.LEN) {
            int len = lengthPrefix();
            int stop = pos + len;
            while (pos < stop) {
                into.add(readRawVarint());
            }
        } else {
            into.add(varint());
        }
    }

    /** Repeated floats, packed or not. */
    void floats(FloatList into) throws OnnxFormatException {
        if (wireType() == ProtoWriter.LEN) {
            int len = lengthPrefix();
            if (len % 4 != 0) {
                throw new OnnxFormatException("packed float field length " + len + " is not a multiple of 4");
            }
            int stop = pos + len;
            while (pos < stop) {
                into.add(Float.intBitsToFloat(rawFixed32()));
            }
        } else {
            into.add(fixed32Float());
        }
    }

    /** Repeated 64-bit fixed values (doubles as raw bits), packed or not. */
    void fixed64s(LongList into) throws OnnxFormatException {
        if (wireType() == ProtoWriter.LEN) {
            int len = lengthPrefix();
            if (len % 8 != 0) {
                throw new OnnxFormatException("packed fixed64 field length " + len + " is not a multiple of 8");
            }
            int stop = pos + len;
            while (pos < stop) {
                into.add(rawFixed64());
            }
        } else {
            expect(ProtoWriter.FIXED64, "fixed64");
            into.add(rawFixed64());
        }
    }

    /** Skips the current field's value, keeping its encoded bytes (tag included) for re-emission. */
    void keepUnknown() throws OnnxFormatException {
        skip();
        unknown.write(buf, fieldStart, pos - fieldStart);
    }

    void skip() throws OnnxFormatException {
        switch (wireType()) {
            case ProtoWriter.VARINT -> readRawVarint();
            case ProtoWriter.FIXED64 -> rawFixed64();
            case ProtoWriter.LEN -> {
                int len = lengthPrefix(); // separate statement: "pos += f()" would read pos before f() moves it
                pos += len;
            }
            case ProtoWriter.FIXED32 -> rawFixed32();
            default -> throw new OnnxFormatException("cannot skip wire type " + wireType());
        }
    }

    byte[] unknownFields() {
        return unknown.size() == 0 ? null : unknown.toByteArray();
    }

    /** Growable long array without boxing. */
    static final class LongList {
        long[] a = new long[8];
        int n;

        void add(long v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        long[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }

    /** Growable float array without boxing. */
    static final class FloatList {
        float[] a = new float[8];
        int n;

        void add(float v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        float[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
