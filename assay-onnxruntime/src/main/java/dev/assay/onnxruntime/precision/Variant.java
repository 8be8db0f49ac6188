package dev.assay.onnxruntime.precision;

import dev.assay.api.AssayException;
import dev.assay.api.Precision;
import java.util.Locale;
import java.util.Map;

/**
 * The precision variants this backend builds. {@link Precision#INT8} has two: static full
 * QDQ (default) and dynamic quantisation, picked with the workload option {@code int8}
 * ({@code static} | {@code dynamic}); results keep {@code precision = int8} and say which in
 * their disclosure ({@code precision.variant}).
 */
public enum Variant {
    FP32("fp32"), FP16("fp16"), BF16("bf16"), INT8_STATIC("int8-static"), INT8_DYNAMIC("int8-dynamic"), INT4("int4");

    /** Workload option selecting the INT8 scheme. */
    public static final String INT8_OPTION = "int8";

    private final String id;

    Variant(String id) {
        this.id = id;
    }

    /** Id shown in the disclosure and the capability matrix, e.g. {@code int8-dynamic}. */
    public String id() {
        return id;
    }

    /** Chooses the variant for a requested precision and options; unsupported precisions throw. */
    public static Variant select(Precision p, Map<String, String> options) throws AssayException {
        return switch (p) {
            case FP32 -> FP32;
            case FP16 -> FP16;
            case BF16 -> BF16;
            case INT4 -> INT4;
            case INT8 -> {
                String mode = options.getOrDefault(INT8_OPTION, "static").trim().toLowerCase(Locale.ROOT);
                yield switch (mode) {
                    case "static", "qdq", "" -> INT8_STATIC;
                    case "dynamic" -> INT8_DYNAMIC;
                    default -> throw AssayException.badInput("option int8=" + mode + " is not known (allowed: static, dynamic)");
                };
            }
            case TF32 -> throw AssayException.unsupported("tf32 is a GPU tensor-core mode; ONNX Runtime's CPU execution provider has no TF32 regime");
            case FP8 -> throw AssayException.unsupported("fp8: ONNX Runtime's CPU execution provider has no FP8 compute kernels (float8 types exist only as QuantizeLinear/DequantizeLinear storage)");
        };
    }
}
