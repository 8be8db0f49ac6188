package dev.assay.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * A small decoder-only transformer language model: token and learned position embeddings,
 * {@code layers} pre-norm {@link TransformerLayer}s, a final layer norm and an untied output
 * projection to the vocabulary. Input {@code [B, T]} int64 token ids, output {@code [B, T, V]} logits.
 */
final class TinyDecoderLm extends AbstractBlock {
    /**
     * Shape of the model.
     *
     * @param vocab   vocabulary size V
     * @param dModel  width d
     * @param layers  decoder layers L
     * @param heads   attention heads H (d must be a multiple of H)
     * @param seqLen  context length T
     */
    record Config(int vocab, int dModel, int layers, int heads, int seqLen) {
        Config {
            if (vocab < 2 || dModel < 1 || layers < 1 || heads < 1 || seqLen < 2) {
                throw new IllegalArgumentException("lm shape out of range: vocab " + vocab + " (>= 2), d_model " + dModel
                        + " (>= 1), layers " + layers + " (>= 1), heads " + heads + " (>= 1), seq_len " + seqLen
                        + " (>= 2)");
            }
            if (dModel % heads != 0) {
                throw new IllegalArgumentException("d_model " + dModel + " must be a multiple of heads " + heads);
            }
        }

        /** Parameters of all matmuls (attention qkv + proj, feed-forward, output head), biases excluded. */
        long matmulParams() {
            long perLayer = 3L * dModel * dModel + (long) dModel * dModel + 8L * dModel * dModel;
            return layers * perLayer + (long) dModel * vocab;
        }

        /**
         * Forward matmul FLOPs per token: 2 per matmul parameter plus the attention score and
         * value products, 2·T·d each per layer (the full T×T product, as PyTorch computes it;
         * the mask does not skip work). Three times this is the 6N + 12·L·H·Q·T per-token
         * training cost of the metric definitions.
         */
        long forwardFlopsPerToken() {
            return 2 * matmulParams() + 4L * layers * seqLen * dModel;
        }
    }

    private final Config config;
    private final Parameter tokenEmbedding;
    private final Parameter positionEmbedding;
    private final List<TransformerLayer> blocks = new ArrayList<>();
    private final LayerNorm lnFinal;
    private final Dense head;

    TinyDecoderLm(Config config) {
        this.config = config;
        tokenEmbedding = addParameter(Parameter.builder().setName("token_embedding").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(config.vocab(), config.dModel())).optInitializer(new NormalInitializer(0.02f))
                .build());
        positionEmbedding = addParameter(Parameter.builder().setName("position_embedding")
                .setType(Parameter.Type.WEIGHT).optShape(new Shape(config.seqLen(), config.dModel()))
                .optInitializer(new NormalInitializer(0.02f)).build());
        for (int i = 0; i < config.layers(); i++) {
            blocks.add(addChildBlock("layer" + i, new TransformerLayer(config.dModel(), config.heads())));
        }
        lnFinal = addChildBlock("ln_f", LayerNorm.builder().axis(2).build());
        head = addChildBlock("head", new Dense(config.dModel(), config.vocab()));
    }

    Config config() {
        return config;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray tokens = inputs.singletonOrThrow();
        long t = tokens.getShape().get(1);
        NDArray tok = store.getValue(tokenEmbedding, tokens.getDevice(), training);
        NDArray pos = store.getValue(positionEmbedding, tokens.getDevice(), training);
        NDArray x = Embedding.embedding(tokens, tok, SparseFormat.DENSE).singletonOrThrow()
                .add(pos.get("0:" + t));
        NDList h = new NDList(x);
        for (TransformerLayer layer : blocks) {
            h = layer.forward(store, h, training);
        }
        return head.forward(store, lnFinal.forward(store, h, training), training);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape tokens = inputShapes[0];
        Shape hidden = new Shape(tokens.get(0), tokens.get(1), config.dModel());
        for (TransformerLayer layer : blocks) {
            layer.initialize(manager, dataType, hidden);
        }
        lnFinal.initialize(manager, dataType, hidden);
        head.initialize(manager, dataType, hidden);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape tokens = inputShapes[0];
        return new Shape[] {new Shape(tokens.get(0), tokens.get(1), config.vocab())};
    }
}
