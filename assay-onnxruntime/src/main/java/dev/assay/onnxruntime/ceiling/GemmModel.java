package dev.assay.onnxruntime.ceiling;

import dev.assay.onnxruntime.onnx.DataType;
import dev.assay.onnxruntime.onnx.Dim;
import dev.assay.onnxruntime.onnx.GraphBuilder;

/**
 * The one-node ONNX model the ceiling times: {@code Y = op(A[M,K], B[K,N])} with A and B as
 * graph inputs (so no weights are baked into the model and nothing is constant-folded),
 * built with the backend's {@link GraphBuilder}.
 */
final class GemmModel {
    private GemmModel() {
    }

    /**
     * @param opType  {@code MatMul} or {@code MatMulInteger}
     * @param aType   element type of A
     * @param bType   element type of B
     * @param outType element type of Y
     * @return the serialised model
     */
    static byte[] encode(String opType, DataType aType, DataType bType, DataType outType, long m, long k, long n) {
        GraphBuilder g = new GraphBuilder("assay-ceiling");
        g.input("A", aType, Dim.of(m), Dim.of(k));
        g.input("B", bType, Dim.of(k), Dim.of(n));
        String y = g.node(opType).name("gemm").in("A", "B").named("Y").out();
        g.output(y, outType, Dim.of(m), Dim.of(n));
        return g.build().toBytes();
    }
}
