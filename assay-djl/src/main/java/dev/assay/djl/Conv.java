package dev.assay.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A 2-D convolution, stride 1, "same" padding, square odd kernel; its own class so the
 * workload knows its size for the FLOP count.
 * Input {@code [B, Cin, H, W]}, output {@code [B, Cout, H, W]}.
 */
final class Conv extends AbstractBlock {
    private final int cin;
    private final int cout;
    private final int kernel;
    private final Parameter weight;
    private final Parameter bias;

    Conv(int cin, int cout, int kernel) {
        if (cin < 1 || cout < 1 || kernel < 1 || kernel % 2 == 0) {
            throw new IllegalArgumentException("conv needs channels >= 1 and an odd kernel, was " + cin + "->" + cout
                    + " k" + kernel);
        }
        this.cin = cin;
        this.cout = cout;
        this.kernel = kernel;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(cout, cin, kernel, kernel)).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(cout)).build());
    }

    /** Forward FLOPs per sample for an H x W input: 2 · Cout · H · W · Cin · k². */
    long forwardFlops(int h, int w) {
        return 2L * cout * h * w * cin * kernel * kernel;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = store.getValue(weight, x.getDevice(), training);
        NDArray b = store.getValue(bias, x.getDevice(), training);
        Shape stride = new Shape(1, 1);
        Shape pad = new Shape(kernel / 2, kernel / 2);
        return Conv2d.conv2d(x, w, b, stride, pad);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), cout, s.get(2), s.get(3))};
    }
}
