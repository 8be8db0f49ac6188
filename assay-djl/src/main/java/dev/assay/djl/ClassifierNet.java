package dev.assay.djl;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * A classifier network for 28x28 single-channel images in 10 classes, with what the
 * metrics need to know about it.
 *
 * @param block                  the DJL block
 * @param sampleShape            shape of one input sample (without the batch axis)
 * @param forwardFlopsPerSample  matmul/conv FLOPs of one forward pass per sample
 * @param denseLayers            the dense layers in order when the net is a pure MLP (exportable), else empty
 * @param architecture           one line for disclosure
 */
record ClassifierNet(Block block, Shape sampleShape, long forwardFlopsPerSample, List<Dense> denseLayers,
                     String architecture) {
    static final int SIDE = 28;
    static final int CLASSES = 10;

    ClassifierNet {
        denseLayers = List.copyOf(denseLayers);
    }

    /** 784-256-128-10 with ReLU: the Fashion-MNIST MLP. */
    static ClassifierNet mlp() {
        int[] widths = {SIDE * SIDE, 256, 128, CLASSES};
        SequentialBlock block = new SequentialBlock();
        List<Dense> dense = new ArrayList<>();
        long flops = 0;
        for (int i = 0; i + 1 < widths.length; i++) {
            Dense d = new Dense(widths[i], widths[i + 1]);
            dense.add(d);
            block.add(d);
            flops += d.forwardFlopsPerRow();
            if (i + 2 < widths.length) {
                block.add(Activation.reluBlock());
            }
        }
        return new ClassifierNet(block, new Shape(SIDE * SIDE), flops, dense, "MLP 784-256-128-10, ReLU");
    }

    /**
     * conv3x3(1→32) ReLU maxpool2 → conv3x3(32→64) ReLU maxpool2 → dense 3136→128 ReLU → dense 128→10.
     */
    static ClassifierNet cnn() {
        Conv c1 = new Conv(1, 32, 3);
        Conv c2 = new Conv(32, 64, 3);
        Dense d1 = new Dense(64 * 7 * 7, 128);
        Dense d2 = new Dense(128, CLASSES);
        SequentialBlock block = new SequentialBlock()
                .add(c1).add(Activation.reluBlock()).add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(c2).add(Activation.reluBlock()).add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(d1).add(Activation.reluBlock())
                .add(d2);
        long flops = c1.forwardFlops(28, 28) + c2.forwardFlops(14, 14) + d1.forwardFlopsPerRow()
                + d2.forwardFlopsPerRow();
        return new ClassifierNet(block, new Shape(1, SIDE, SIDE), flops, List.of(),
                "CNN conv3x3(32)-pool-conv3x3(64)-pool-dense128-dense10, ReLU, max-pool 2x2");
    }
}
