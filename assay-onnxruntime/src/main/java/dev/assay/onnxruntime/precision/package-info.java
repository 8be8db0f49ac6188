/**
 * Precision variants as graph rewrites of the FP32 model (FP16/BF16 whole-graph casts,
 * static full-QDQ INT8, dynamic INT8, weight-only INT4 with MatMulNBits), each with its
 * recipe, and the execution verdict read from the runtime's optimised graph.
 */
package dev.assay.onnxruntime.precision;
