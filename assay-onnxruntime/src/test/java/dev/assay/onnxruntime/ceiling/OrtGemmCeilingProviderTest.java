package dev.assay.onnxruntime.ceiling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.assay.api.roofline.Ceiling;
import dev.assay.api.roofline.CeilingProvider;
import dev.assay.onnxruntime.onnx.DataType;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The one-node models run in the real ONNX Runtime and compute the right products. */
class OrtGemmCeilingProviderTest {
    static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    @Test
    void fp32MatMulModelComputesTheProduct() throws Exception {
        int m = 3;
        int k = 4;
        int n = 2;
        float[] a = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        float[] b = {1, 0, 0, 1, 1, 1, 2, -1};
        byte[] model = GemmModel.encode("MatMul", DataType.FLOAT, DataType.FLOAT, DataType.FLOAT, m, k, n);
        try (OrtSession s = ENV.createSession(model);
             OnnxTensor ta = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(a), new long[] {m, k});
             OnnxTensor tb = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(b), new long[] {k, n});
             OrtSession.Result r = s.run(Map.of("A", ta, "B", tb))) {
            float[][] y = (float[][]) r.get(0).getValue();
            // Row 0: [1,2,3,4] x B = [1+3+8, 2+3-4] = [12, 1]
            assertArrayEquals(new float[] {12, 1}, y[0]);
            assertArrayEquals(new float[] {5 + 7 + 16, 6 + 7 - 8}, y[1]);
            assertArrayEquals(new float[] {9 + 11 + 24, 10 + 11 - 12}, y[2]);
        }
    }

    @Test
    void int8MatMulIntegerModelComputesTheProduct() throws Exception {
        byte[] a = {(byte) 200, 1, 0, 3};         // uint8 [2,2]: 200, 1 / 0, 3
        byte[] b = {-2, 5, 7, -128};              // int8  [2,2]: -2, 5 / 7, -128
        byte[] model = GemmModel.encode("MatMulInteger", DataType.UINT8, DataType.INT8, DataType.INT32, 2, 2, 2);
        try (OrtSession s = ENV.createSession(model);
             OnnxTensor ta = OnnxTensor.createTensor(ENV, ByteBuffer.wrap(a), new long[] {2, 2}, ai.onnxruntime.OnnxJavaType.UINT8);
             OnnxTensor tb = OnnxTensor.createTensor(ENV, ByteBuffer.wrap(b), new long[] {2, 2}, ai.onnxruntime.OnnxJavaType.INT8);
             OrtSession.Result r = s.run(Map.of("A", ta, "B", tb))) {
            int[][] y = (int[][]) r.get(0).getValue();
            assertArrayEquals(new int[] {200 * -2 + 7, 200 * 5 - 128}, y[0]);
            assertArrayEquals(new int[] {21, -384}, y[1]);
        }
    }

    @Test
    void smallGemmGivesAPositiveCeilingWithItsMethod() throws Exception {
        for (OrtGemmCeilingProvider.Gemm g : new OrtGemmCeilingProvider.Gemm[] {OrtGemmCeilingProvider.FP32,
                OrtGemmCeilingProvider.INT8}) {
            Ceiling c = OrtGemmCeilingProvider.measure(ENV, "onnxruntime " + ENV.getVersion(), g, 256, 2, 1);
            assertEquals(g.precision(), c.precision());
            assertTrue(c.gflops() > 0 && Double.isFinite(c.gflops()), c.toString());
            assertTrue(c.method().startsWith(g.opType() + " 256x256x256"), c.method());
            assertTrue(c.runtime().startsWith("onnxruntime 1."), c.runtime());
        }
    }

    @Test
    void pinnedOutputReceivesTheResult() throws Exception {
        byte[] model = GemmModel.encode("MatMul", DataType.FLOAT, DataType.FLOAT, DataType.FLOAT, 2, 2, 2);
        try (OrtSession s = ENV.createSession(model);
             OnnxTensor ta = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(new float[] {1, 2, 3, 4}), new long[] {2, 2});
             OnnxTensor tb = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(new float[] {1, 0, 0, 1}), new long[] {2, 2});
             OnnxTensor y = OrtGemmCeilingProvider.tensor(ENV, DataType.FLOAT, new long[] {2, 2}, 0)) {
            try (OrtSession.Result r = s.run(Map.of("A", ta, "B", tb), Map.of("Y", y))) {
                assertEquals(1, r.size());
            }
            FloatBuffer out = y.getFloatBuffer();
            assertArrayEquals(new float[] {1, 2, 3, 4}, new float[] {out.get(0), out.get(1), out.get(2), out.get(3)});
        }
    }

    @Test
    void providerIsRegistered() {
        assertTrue(ServiceLoader.load(CeilingProvider.class).stream()
                .anyMatch(p -> p.type() == OrtGemmCeilingProvider.class));
    }

}
