/** Accuracy cost of reduced precisions: divergence from the FP32 reference and test-set accuracy. */
package dev.assay.onnxruntime.accuracy;
