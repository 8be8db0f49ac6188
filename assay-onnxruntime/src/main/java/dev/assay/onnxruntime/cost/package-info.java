/**
 * Static analysis of ONNX graphs: shape and type inference with symbolic dimensions bound
 * from batch and sequence length, and the FLOPs / bytes-moved model the roofline uses.
 */
package dev.assay.onnxruntime.cost;
