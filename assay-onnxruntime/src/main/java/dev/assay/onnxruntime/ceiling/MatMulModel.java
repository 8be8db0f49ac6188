package dev.assay.onnxruntime.ceiling;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Encodes the one-node ONNX model the ceiling needs: {@code Y = op(A[M,K], B[K,N])} with A and B
 * as graph inputs. Written directly in protobuf wire format (a dozen fields of ModelProto,
 * GraphProto, NodeProto and ValueInfoProto) so the ceiling does not depend on the backend's
 * general graph builder; field numbers are those of onnx.proto.
 */
final class MatMulModel {
    /** TensorProto.DataType codes used here. */
    static final int FLOAT = 1;
    static final int UINT8 = 2;
    static final int INT8 = 3;
    static final int INT32 = 6;

    private MatMulModel() {
    }

    /**
     * @param opType  {@code MatMul} or {@code MatMulInteger}
     * @param aType   element type of A
     * @param bType   element type of B
     * @param outType element type of Y
     */
    static byte[] encode(String opType, int aType, int bType, int outType, long m, long k, long n) {
        Wire node = new Wire().string(1, "A").string(1, "B").string(2, "Y").string(3, "gemm").string(4, opType);
        Wire graph = new Wire().message(1, node).string(2, "assay-ceiling")
                .message(11, valueInfo("A", aType, m, k))
                .message(11, valueInfo("B", bType, k, n))
                .message(12, valueInfo("Y", outType, m, n));
        Wire opset = new Wire().string(1, "").varint(2, 13);
        return new Wire().varint(1, 8).string(2, "assay").message(7, graph).message(8, opset).bytes();
    }

    private static Wire valueInfo(String name, int elemType, long rows, long cols) {
        Wire shape = new Wire().message(1, new Wire().varint(1, rows)).message(1, new Wire().varint(1, cols));
        Wire tensor = new Wire().varint(1, elemType).message(2, shape);
        return new Wire().string(1, name).message(2, new Wire().message(1, tensor));
    }

    /** Minimal protobuf writer: varints, strings and nested messages. */
    static final class Wire {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Wire varint(int field, long value) {
            tag(field, 0);
            raw(value);
            return this;
        }

        Wire string(int field, String value) {
            return lengthDelimited(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Wire message(int field, Wire message) {
            return lengthDelimited(field, message.bytes());
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private Wire lengthDelimited(int field, byte[] payload) {
            tag(field, 2);
            raw(payload.length);
            out.writeBytes(payload);
            return this;
        }

        private void tag(int field, int wireType) {
            raw(((long) field << 3) | wireType);
        }

        private void raw(long value) {
            while ((value & ~0x7FL) != 0) {
                out.write((int) ((value & 0x7F) | 0x80));
                value >>>= 7;
            }
            out.write((int) value);
        }
    }
}
