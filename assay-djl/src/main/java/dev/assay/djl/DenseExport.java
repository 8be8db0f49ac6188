package dev.assay.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.assay.core.data.DenseClassifierFile;
import java.util.ArrayList;
import java.util.List;

/** Converts trained {@link Dense} layers into the assay-dense-v1 layout. */
final class DenseExport {
    private DenseExport() {
    }

    /**
     * DJL keeps W as {@code [out][in]} (y = x·Wᵀ + b); the export wants {@code [in][out]}
     * (y = x·W + b), so each weight is transposed. ReLU follows every layer but the last.
     */
    static DenseClassifierFile.DenseClassifier toClassifier(List<Dense> layers, double testAccuracy) {
        List<DenseClassifierFile.Layer> out = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            Dense d = layers.get(l);
            float[] w = asFloats(d.weight().getArray()); // [out][in]
            float[] t = new float[w.length];
            int in = d.in();
            int width = d.out();
            for (int o = 0; o < width; o++) {
                for (int i = 0; i < in; i++) {
                    t[i * width + o] = w[o * in + i];
                }
            }
            float[] b = asFloats(d.bias().getArray());
            out.add(new DenseClassifierFile.Layer(in, width, l + 1 < layers.size()
                    ? DenseClassifierFile.Activation.RELU : DenseClassifierFile.Activation.NONE, t, b));
        }
        return new DenseClassifierFile.DenseClassifier(out, out.getLast().out(), testAccuracy);
    }

    /** FP32 values of a parameter; an FP16 model's weights are widened exactly (the evaluated values). */
    private static float[] asFloats(NDArray array) {
        if (array.getDataType() == DataType.FLOAT32) {
            return array.toFloatArray();
        }
        try (NDArray wide = array.toType(DataType.FLOAT32, true)) {
            return wide.toFloatArray();
        }
    }
}
