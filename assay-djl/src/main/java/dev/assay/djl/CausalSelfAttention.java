package dev.assay.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Multi-head causal self-attention built from two {@link Dense} layers, batched matmuls, an
 * additive mask and softmax. DJL 0.35 has no causal attention block, and building it from
 * primitives keeps every matmul visible for the FLOP count.
 *
 * <p>Input and output are {@code [B, T, d]}. Scores are {@code [B, H, T, T]}; positions
 * above the diagonal get a large negative bias before the softmax, so token t attends only
 * to tokens 0..t.
 */
final class CausalSelfAttention extends AbstractBlock {
    private final int dModel;
    private final int heads;
    private final Dense qkv;
    private final Dense proj;

    CausalSelfAttention(int dModel, int heads) {
        if (heads < 1 || dModel % heads != 0) {
            throw new IllegalArgumentException("d_model " + dModel + " must be a positive multiple of heads " + heads);
        }
        this.dModel = dModel;
        this.heads = heads;
        this.qkv = addChildBlock("qkv", new Dense(dModel, 3 * dModel));
        this.proj = addChildBlock("proj", new Dense(dModel, dModel));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        long dh = dModel / heads;
        NDArray all = qkv.forward(store, new NDList(x), training).singletonOrThrow()
                .reshape(b, t, 3, heads, dh)
                .transpose(2, 0, 3, 1, 4); // [3, B, H, T, dh]
        NDArray q = all.get(0);
        NDArray k = all.get(1);
        NDArray v = all.get(2);
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).mul(1.0f / (float) Math.sqrt(dh)); // [B, H, T, T]
        // The mask takes the scores' type so an FP16 model stays in FP16 (-1e9 becomes -inf there, still masking).
        NDArray masked = scores.add(causalMask(x.getManager(), (int) t).toType(scores.getDataType(), false));
        NDArray attn = masked.softmax(-1).matMul(v); // [B, H, T, dh]
        NDArray merged = attn.transpose(0, 2, 1, 3).reshape(b, t, dModel);
        return proj.forward(store, new NDList(merged), training);
    }

    /** {@code [T, T]}: 0 on and below the diagonal, -1e9 above it. */
    static NDArray causalMask(NDManager manager, int t) {
        float[] mask = new float[t * t];
        for (int i = 0; i < t; i++) {
            for (int j = i + 1; j < t; j++) {
                mask[i * t + j] = -1e9f;
            }
        }
        return manager.create(mask, new Shape(t, t));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        qkv.initialize(manager, dataType, inputShapes[0]);
        proj.initialize(manager, dataType, inputShapes[0]);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
