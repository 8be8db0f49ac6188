/**
 * Datasets and trained-model artifacts read from or written to disk: the IDX format
 * ({@link dev.assay.core.data.IdxFile}), Fashion-MNIST from the Debian package
 * {@code dataset-fashion-mnist} ({@link dev.assay.core.data.FashionMnist}), and the
 * {@code assay-dense-v1} classifier export that training backends write and the ONNX
 * builder reads ({@link dev.assay.core.data.DenseClassifierFile}).
 */
package dev.assay.core.data;
