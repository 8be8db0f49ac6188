/**
 * Compute ceilings through ONNX Runtime: large square GEMMs (FP32 {@code MatMul}, INT8
 * {@code MatMulInteger}) timed through the ORT Java API, registered as a
 * {@link dev.assay.api.roofline.CeilingProvider}.
 */
package dev.assay.onnxruntime.ceiling;
