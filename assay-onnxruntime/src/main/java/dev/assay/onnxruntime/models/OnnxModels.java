package dev.assay.onnxruntime.models;

import dev.assay.api.AssayException;
import java.nio.file.Path;
import java.util.Map;

/** Entry points for building models: the built-in families and trained dense models. */
public final class OnnxModels {
    private OnnxModels() {
    }

    /** Builds a built-in family at FP32 (see {@link ModelFamilies#FAMILIES}). */
    public static BuiltModel build(String family, Map<String, String> options, int seqLen, long seed) throws AssayException {
        return ModelFamilies.build(family, options, seqLen, seed);
    }

    /** Builds the FP32 graph of a trained {@code assay-dense-v1} model (model.json or its folder). */
    public static BuiltModel fromDense(Path modelJson) throws AssayException {
        return DenseModel.load(modelJson);
    }
}
