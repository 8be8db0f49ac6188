package dev.assay.api.roofline;

/**
 * One measured compute ceiling: the best throughput a runtime reached for one precision.
 *
 * @param precision precision id ({@code fp32}, {@code int8}, ...; see {@link dev.assay.api.Precision#id()})
 * @param gflops    measured throughput in GFLOP/s (for integer precisions GOP/s: one multiply-add counts two ops)
 * @param runtime   what reached it, with version where known, e.g. {@code onnxruntime 1.29.0}
 * @param method    how it was measured, e.g. {@code MatMul 4096x4096x4096, best of 3, 2 threads}
 */
public record Ceiling(String precision, double gflops, String runtime, String method) {
    public Ceiling {
        if (precision == null || precision.isBlank()) {
            throw new IllegalArgumentException("ceiling precision must be a precision id, was '" + precision + "'");
        }
        if (!(gflops > 0) || Double.isInfinite(gflops)) {
            throw new IllegalArgumentException("ceiling gflops must be finite and > 0, was " + gflops + " (" + precision + ")");
        }
        if (runtime == null || runtime.isBlank()) {
            throw new IllegalArgumentException("ceiling runtime must name what reached it");
        }
        if (method == null || method.isBlank()) {
            throw new IllegalArgumentException("ceiling method must say how it was measured");
        }
    }
}
