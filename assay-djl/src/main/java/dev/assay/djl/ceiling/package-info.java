/**
 * Compute ceiling through DJL's PyTorch engine: a large FP32 GEMM, registered as a
 * {@link dev.assay.api.roofline.CeilingProvider}.
 */
package dev.assay.djl.ceiling;
