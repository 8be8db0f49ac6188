/**
 * In-process ONNX Runtime backend: {@link dev.assay.onnxruntime.OrtBackendProvider} (ServiceLoader
 * name {@code onnxruntime}) prepares built-in model families or external .onnx files at a
 * precision into a synchronous system under test, disclosing session options, the
 * post-optimisation operator list, FLOPs and bytes, the precision verdict and its accuracy cost.
 */
package dev.assay.onnxruntime;
