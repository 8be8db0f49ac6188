package dev.assay.djl;

/**
 * Sizes the memory footprint needs from a workload run.
 *
 * @param parameters       trainable parameter count
 * @param activationBytes  bytes of forward tensors of one micro-batch, or -1 when not accounted
 */
record ModelSize(long parameters, long activationBytes) {
}
