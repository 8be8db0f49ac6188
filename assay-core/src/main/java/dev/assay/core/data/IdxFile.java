package dev.assay.core.data;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Reader and writer of the IDX format used by MNIST-style datasets: two zero bytes, a type
 * byte, a dimension count, the dimensions as big-endian 32-bit integers, then the data.
 * Only the unsigned-byte type (0x08) is supported, which is what image and label files use.
 * Files may be gzip-compressed; compression is detected from the content (the gzip magic
 * bytes), not from the file name, because packagers rename files.
 */
public final class IdxFile {
    /** IDX type code of unsigned bytes. */
    public static final int TYPE_UBYTE = 0x08;
    private static final int MAX_DIMS = 8;

    private IdxFile() {
    }

    /**
     * An IDX array of unsigned bytes.
     *
     * @param dims dimensions, outermost first (e.g. [60000, 28, 28])
     * @param data values in row-major order; read them with {@code & 0xFF}
     */
    public record UbyteArray(int[] dims, byte[] data) {
        public UbyteArray {
            dims = dims.clone();
            if (dims.length < 1 || dims.length > MAX_DIMS) {
                throw new IllegalArgumentException("IDX dimension count must be 1.." + MAX_DIMS + ", was " + dims.length);
            }
            long n = 1;
            for (int d : dims) {
                if (d < 0) {
                    throw new IllegalArgumentException("IDX dimensions must be >= 0, were " + Arrays.toString(dims));
                }
                n *= d;
            }
            if (n != data.length) {
                throw new IllegalArgumentException("IDX data length " + data.length + " does not match dimensions "
                        + Arrays.toString(dims) + " (" + n + " values)");
            }
        }

        @Override
        public int[] dims() {
            return dims.clone();
        }

        /** Number of items along the first dimension. */
        public int count() {
            return dims[0];
        }

        /** Values per item (product of the remaining dimensions). */
        public int itemSize() {
            int n = 1;
            for (int i = 1; i < dims.length; i++) {
                n *= dims[i];
            }
            return n;
        }
    }

    /** Reads an IDX unsigned-byte file, plain or gzip-compressed. */
    public static UbyteArray read(Path file) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(raw, file.toString());
        }
    }

    /** Reads from a stream (plain or gzip); {@code name} is used in error messages. */
    public static UbyteArray read(InputStream in, String name) throws IOException {
        InputStream source = in.markSupported() ? in : new BufferedInputStream(in);
        source.mark(2);
        int b0 = source.read();
        int b1 = source.read();
        source.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            source = new BufferedInputStream(new GZIPInputStream(source, 1 << 16), 1 << 16);
        }
        DataInputStream data = new DataInputStream(source);
        try {
            int zero0 = data.readUnsignedByte();
            int zero1 = data.readUnsignedByte();
            int type = data.readUnsignedByte();
            int nDims = data.readUnsignedByte();
            if (zero0 != 0 || zero1 != 0) {
                throw new IOException(name + ": not an IDX file (magic must start with two zero bytes, found 0x"
                        + Integer.toHexString(zero0) + " 0x" + Integer.toHexString(zero1) + ")");
            }
            if (type != TYPE_UBYTE) {
                throw new IOException(name + ": IDX type 0x" + Integer.toHexString(type)
                        + " is not supported (only unsigned byte, 0x08)");
            }
            if (nDims < 1 || nDims > MAX_DIMS) {
                throw new IOException(name + ": IDX dimension count " + nDims + " out of range 1.." + MAX_DIMS);
            }
            int[] dims = new int[nDims];
            long total = 1;
            for (int i = 0; i < nDims; i++) {
                dims[i] = data.readInt();
                if (dims[i] < 0) {
                    throw new IOException(name + ": negative IDX dimension " + dims[i]);
                }
                total *= dims[i];
            }
            if (total > Integer.MAX_VALUE - 16) {
                throw new IOException(name + ": IDX array of " + total + " values is too large");
            }
            byte[] values = new byte[(int) total];
            data.readFully(values);
            return new UbyteArray(dims, values);
        } catch (EOFException e) {
            throw new IOException(name + ": IDX file is truncated", e);
        }
    }

    /** Writes an IDX unsigned-byte file, gzip-compressed when {@code gzip} is true. */
    public static void write(Path file, UbyteArray array, boolean gzip) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
             OutputStream out = gzip ? new GZIPOutputStream(raw, 1 << 16) : new BufferedOutputStream(raw, 1 << 16);
             DataOutputStream data = new DataOutputStream(out)) {
            int[] dims = array.dims();
            data.writeByte(0);
            data.writeByte(0);
            data.writeByte(TYPE_UBYTE);
            data.writeByte(dims.length);
            for (int d : dims) {
                data.writeInt(d);
            }
            data.write(array.data());
        }
    }
}
