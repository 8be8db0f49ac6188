package dev.assay.djl;

import ai.djl.ndarray.types.DataType;

/**
 * The numeric recipe of a precision.
 *
 * @param compute     data type of the model: weights, activations, gradients
 * @param lossScale   initial loss scale: the loss is multiplied by it before backward and the
 *                    master update divides the gradients by it again (1 for FP32)
 * @param description one line for disclosure
 */
record PrecisionRecipe(DataType compute, float lossScale, String description) {
    /** Initial loss scale of the mixed recipe: keeps small FP16 gradients from flushing to zero. */
    static final float FP16_LOSS_SCALE = 1024f;

    PrecisionRecipe {
        if (!(lossScale >= 1f)) {
            throw new IllegalArgumentException("loss scale must be >= 1, was " + lossScale);
        }
    }

    /** The master-weight mixed-precision recipe of {@link TrainingSession} in {@code type}. */
    static PrecisionRecipe mixed(DataType type, String probeDetail) {
        String id = type == DataType.FLOAT16 ? "fp16" : "bf16";
        return new PrecisionRecipe(type, FP16_LOSS_SCALE, "mixed " + id + " (master-weight recipe): model weights, "
                + "activations, gradients and loss in " + id + "; FP32 master weights and optimiser state, updated "
                + "from widened, unscaled gradients and rounded back into the model each step; dynamic loss scale "
                + "starting at " + (int) FP16_LOSS_SCALE + " (halved and step skipped on overflow, doubled after "
                + TrainingSession.SCALE_GROWTH_INTERVAL + " clean steps); probe: " + probeDetail);
    }

    /** True for the FP32 recipe. */
    boolean isFp32() {
        return compute == DataType.FLOAT32;
    }

    static PrecisionRecipe fp32() {
        return new PrecisionRecipe(DataType.FLOAT32, 1f, "FP32 weights, activations, gradients and optimiser state");
    }
}
