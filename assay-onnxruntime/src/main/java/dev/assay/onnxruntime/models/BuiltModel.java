package dev.assay.onnxruntime.models;

import dev.assay.onnxruntime.onnx.Model;
import java.util.Map;

/**
 * A model ready to hand to the runtime, with what the disclosure needs to say about it.
 *
 * @param model     the ONNX model (FP32 unless a precision pass rewrote it)
 * @param family    family id, e.g. {@code mlp}, or {@code file} for an external model
 * @param source    {@code built-in} or {@code file}
 * @param synthetic whether the weights are synthetic (deterministic-random from the seed)
 * @param config    effective shape parameters (layers, hidden size, ...), JSON-friendly
 */
public record BuiltModel(Model model, String family, String source, boolean synthetic, Map<String, Object> config) {
    public BuiltModel {
        config = Map.copyOf(config);
    }

    public BuiltModel withModel(Model m) {
        return new BuiltModel(m, family, source, synthetic, config);
    }
}
