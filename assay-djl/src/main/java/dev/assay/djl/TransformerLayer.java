package dev.assay.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One pre-norm decoder layer: {@code x + attn(ln1(x))}, then {@code x + fc2(gelu(fc1(ln2(x))))}
 * with a feed-forward width of 4·d (the GPT-2 layout).
 */
final class TransformerLayer extends AbstractBlock {
    private final LayerNorm ln1;
    private final CausalSelfAttention attn;
    private final LayerNorm ln2;
    private final Dense fc1;
    private final Dense fc2;

    TransformerLayer(int dModel, int heads) {
        ln1 = addChildBlock("ln1", LayerNorm.builder().axis(2).build());
        attn = addChildBlock("attn", new CausalSelfAttention(dModel, heads));
        ln2 = addChildBlock("ln2", LayerNorm.builder().axis(2).build());
        fc1 = addChildBlock("fc1", new Dense(dModel, 4 * dModel));
        fc2 = addChildBlock("fc2", new Dense(4 * dModel, dModel));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray a = attn.forward(store, ln1.forward(store, new NDList(x), training), training).singletonOrThrow();
        NDArray h = x.add(a);
        NDArray f = fc1.forward(store, ln2.forward(store, new NDList(h), training), training).singletonOrThrow();
        NDArray g = fc2.forward(store, new NDList(Activation.gelu(f)), training).singletonOrThrow();
        return new NDList(h.add(g));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        ln1.initialize(manager, dataType, x);
        attn.initialize(manager, dataType, x);
        ln2.initialize(manager, dataType, x);
        fc1.initialize(manager, dataType, x);
        fc2.initialize(manager, dataType, fc1.getOutputShapes(new Shape[] {x}));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
