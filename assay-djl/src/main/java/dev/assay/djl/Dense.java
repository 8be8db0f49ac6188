package dev.assay.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A fully connected layer {@code y = x·Wᵀ + b} over the last axis, with parameters stored as
 * DJL's {@code Linear} stores them ({@code W} is {@code [out][in]}). Its own class (rather
 * than DJL's {@code Linear}) so the workloads know each layer's size for the FLOP count and
 * the export can reach the weights directly.
 */
final class Dense extends AbstractBlock {
    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias;

    Dense(int in, int out) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("dense layer size must be >= 1x1, was " + in + "x" + out);
        }
        this.in = in;
        this.out = out;
        this.weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(out, in)).build());
        this.bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(out)).build());
    }

    int in() {
        return in;
    }

    int out() {
        return out;
    }

    /** Multiply-add FLOPs of the forward pass per row of input. */
    long forwardFlopsPerRow() {
        return 2L * in * out;
    }

    Parameter weight() {
        return weight;
    }

    Parameter bias() {
        return bias;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = store.getValue(weight, x.getDevice(), training);
        NDArray b = store.getValue(bias, x.getDevice(), training);
        return Linear.linear(x, w, b);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        long[] dims = s.getShape().clone();
        dims[dims.length - 1] = out;
        return new Shape[] {new Shape(dims)};
    }
}
