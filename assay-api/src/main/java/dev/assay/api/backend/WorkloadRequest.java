package dev.assay.api.backend;

import dev.assay.api.Precision;
import java.nio.file.Path;
import java.util.Map;

/**
 * What to prepare.
 *
 * @param workload  built-in workload name, or a label for an external model
 * @param modelPath external model file, or null for a built-in workload
 * @param precision precision regime to build or run at
 * @param batch     batch size bound into dynamic batch dimensions (>= 1)
 * @param seqLen    sequence length for sequence models, 0 when not applicable
 * @param seed      seed for synthetic weights and inputs
 * @param options   backend-specific options (e.g. {@code threads}, {@code optLevel}), as given
 */
public record WorkloadRequest(String workload, Path modelPath, Precision precision, int batch, int seqLen,
                              long seed, Map<String, String> options) {
    public WorkloadRequest {
        if (workload == null || workload.isBlank()) {
            throw new IllegalArgumentException("workload name must not be blank");
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, was " + batch);
        }
        if (seqLen < 0) {
            throw new IllegalArgumentException("sequence length must be >= 0, was " + seqLen);
        }
        options = Map.copyOf(options);
    }
}
