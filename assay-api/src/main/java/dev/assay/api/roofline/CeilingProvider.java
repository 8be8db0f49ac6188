package dev.assay.api.roofline;

import java.util.List;

/**
 * ServiceLoader entry point of a compute-ceiling measurement through one runtime.
 * Implementations must be cheap to construct and must not load native libraries before
 * {@link #measure(Effort, int)}. Register in {@code META-INF/services/dev.assay.api.roofline.CeilingProvider}.
 */
public interface CeilingProvider {
    /** Stable id, e.g. {@code vector-fma}, {@code onnxruntime-gemm}, {@code djl-gemm}. */
    String name();

    /** Precision ids this provider tries, e.g. {@code [fp32, int8]}. */
    List<String> precisions();

    /**
     * Measures every precision in {@link #precisions()}; never throws for a precision the
     * runtime cannot do (that is a {@link CeilingOutcome.NotMeasured} with the reason), and
     * catches native failures likewise, so one broken runtime never hides the others.
     *
     * @param effort  quick (seconds) or full
     * @param threads worker threads to use (the caller passes the logical CPU count)
     * @return one outcome per precision, in {@link #precisions()} order
     */
    List<CeilingOutcome> measure(Effort effort, int threads);
}
