package dev.assay.onnxruntime.onnx;

/** The bytes are not a model this codec can read; the message says where and why. */
public final class OnnxFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public OnnxFormatException(String message) {
        super(message);
    }
}
