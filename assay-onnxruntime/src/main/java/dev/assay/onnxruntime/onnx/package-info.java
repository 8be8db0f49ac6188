/**
 * Hand-written ONNX model codec (protobuf wire format, no protoc) and a fluent graph
 * builder. The codec models the messages Assay needs (model, graph, node, tensor, value
 * info, attribute, opset import) and carries every other field through verbatim.
 */
package dev.assay.onnxruntime.onnx;
