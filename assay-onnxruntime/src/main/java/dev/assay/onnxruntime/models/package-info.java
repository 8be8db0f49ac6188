/**
 * Built-in model families (MLP, ResNet-style CNN, BERT-like encoder, KV-cache decoder)
 * generated as ONNX graphs with deterministic synthetic weights, and the loader for trained
 * dense classifiers exchanged in the {@code assay-dense-v1} format.
 */
package dev.assay.onnxruntime.models;
