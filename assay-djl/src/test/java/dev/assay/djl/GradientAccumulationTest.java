package dev.assay.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One optimiser step over a global batch of 8 gives the same weights whether the batch is
 * one micro-batch or two of 4 (PyTorch adds the gradients of both backward passes, each
 * scaled by 1/2), and the gradients are cleared after the update.
 */
class GradientAccumulationTest {
    private static final float[] X = new float[8 * 3];
    private static final long[] Y = {0, 1, 0, 1, 1, 1, 0, 0};

    static {
        for (int i = 0; i < X.length; i++) {
            X[i] = (float) Math.sin(i * 0.7);
        }
    }

    private static float[][] stepWith(int parts) throws Exception {
        DjlRuntime.load();
        TrainingOptions o = TrainingOptions.parse(Map.of("optimizer", "sgd", "lr", "0.5"), WorkloadKind.MLP_FASHION);
        // Two layers: with a single linear layer under softmax cross-entropy the gradients sum to exactly
        // zero, which DJL's first-step sanity check mistakes for "backward was not called".
        Dense d = new Dense(3, 4);
        SequentialBlock net = new SequentialBlock().add(d).add(Activation.reluBlock()).add(new Dense(4, 2));
        int micro = 8 / parts;
        try (TrainingSession s = new TrainingSession("accum", net, new Shape(micro, 3), o, PrecisionRecipe.fp32(), 7);
             NDManager m = s.newBatchManager()) {
            float[] before = d.weight().getArray().toFloatArray();
            List<TrainingSession.MicroBatch> mb = new ArrayList<>();
            for (int p = 0; p < parts; p++) {
                float[] x = new float[micro * 3];
                long[] y = new long[micro];
                System.arraycopy(X, p * micro * 3, x, 0, x.length);
                System.arraycopy(Y, p * micro, y, 0, micro);
                mb.add(new TrainingSession.MicroBatch(m.create(x, new Shape(micro, 3)), m.create(y)));
            }
            s.step(mb, false);
            float[] after = d.weight().getArray().toFloatArray();
            float[] grad = d.weight().getArray().getGradient().toFloatArray();
            return new float[][] {before, after, grad};
        }
    }

    @Test
    void twoMicroBatchesEqualOneGlobalBatch() throws Exception {
        float[][] one = stepWith(1);
        float[][] two = stepWith(2);
        assertArrayEquals(one[0], two[0], "same seed, same initial weights");
        boolean moved = false;
        for (int i = 0; i < one[0].length; i++) {
            moved |= Math.abs(one[1][i] - one[0][i]) > 1e-4;
        }
        assertTrue(moved, "the update changed the weights");
        assertArrayEquals(one[1], two[1], 1e-5f, "weights after one step");
        assertArrayEquals(new float[12], one[2], "gradients are cleared after the update");
    }
}
