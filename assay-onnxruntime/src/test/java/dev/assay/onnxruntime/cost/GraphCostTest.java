package dev.assay.onnxruntime.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.onnxruntime.models.OnnxModels;
import dev.assay.onnxruntime.onnx.DataType;
import dev.assay.onnxruntime.onnx.Dim;
import dev.assay.onnxruntime.onnx.Graph;
import dev.assay.onnxruntime.onnx.GraphBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphCostTest {
    @Test
    void mlpFlopsAreTwiceTheMacsTimesBatch() throws Exception {
        Graph g = OnnxModels.build("mlp", Map.of(), 0, 1).model().graph();
        long macsPerItem = 784L * 512 + 512L * 512 + 512L * 10;
        for (int batch : new int[]{1, 8}) {
            GraphCost c = GraphCost.of(g, Map.of("batch", (long) batch), batch);
            assertTrue(c.complete(), c.unresolved().toString());
            assertEquals(2 * macsPerItem * batch, c.flops());
            long weights = 4L * (macsPerItem + 512 + 512 + 10);
            assertEquals(weights, c.weightBytes());
            assertEquals(4L * 784 * batch, c.inputBytes());
            assertEquals(4L * 10 * batch, c.outputBytes());
            assertEquals(weights + 4L * 794 * batch, c.bytes());
        }
    }

    @Test
    void convFlopsFollowOutputSizeTimesKernelVolume() {
        GraphBuilder b = new GraphBuilder("c");
        String x = b.input("x", DataType.FLOAT, Dim.param("batch"), Dim.of(3), Dim.of(32), Dim.of(32));
        String w = b.floats("w", new long[]{8, 3, 3, 3}, new float[8 * 27]);
        String y = b.node("Conv").in(x, w).attrs("strides", 2, 2).attrs("pads", 1, 1, 1, 1).out();
        b.output(y, DataType.FLOAT, Dim.param("batch"), Dim.of(8), Dim.of(16), Dim.of(16));
        GraphCost c = GraphCost.of(b.build().graph(), Map.of("batch", 2L), 2);
        assertEquals(2L * (2 * 8 * 16 * 16) * 27, c.flops());
    }

    @Test
    void transformerShapesFlowThroughReshapeAndAttention() throws Exception {
        Graph g = OnnxModels.build("transformer", Map.of("hidden", "64", "heads", "4", "layers", "1", "vocab", "50"), 16, 1)
                .model().graph();
        GraphCost c = GraphCost.of(g, Map.of("batch", 2L, "seq", 16L), 2);
        assertTrue(c.complete(), c.unresolved().toString());
        long tokens = 2 * 16;
        long linear = tokens * (4L * 64 * 64 + 2L * 64 * 256);
        long attention = 2 * (2L * 4 * 16 * 16 * 16); // QK^T and PV: batch x heads x seq x seq x headDim each
        assertEquals(2 * (linear + attention), c.flops());
    }

    @Test
    void unboundDimensionsAreReportedNotGuessed() throws Exception {
        Graph g = OnnxModels.build("mlp", Map.of(), 0, 1).model().graph();
        GraphCost c = GraphCost.of(g, Map.of(), 1);
        assertFalse(c.complete());
        assertTrue(c.flopsDisclosure().containsKey("not_measured"));
    }
}
