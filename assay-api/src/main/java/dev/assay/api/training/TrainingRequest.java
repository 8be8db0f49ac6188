package dev.assay.api.training;

import dev.assay.api.Precision;
import java.nio.file.Path;
import java.util.Map;

/**
 * What to train.
 *
 * @param workload        built-in training workload (e.g. {@code mlp-fashion})
 * @param precision       precision regime (FP32, or a mixed-precision recipe)
 * @param batch           global batch size
 * @param seqLen          sequence length for language models, 0 otherwise
 * @param steps           measured steps for throughput (after warm-up)
 * @param warmupSteps     steps excluded from the metrics
 * @param seed            seed for weights, data order and synthetic data
 * @param dataDir         dataset folder, or null to locate it automatically
 * @param options         backend options as given (threads, target accuracy, runs, ...)
 */
public record TrainingRequest(String workload, Precision precision, int batch, int seqLen, int steps,
                              int warmupSteps, long seed, Path dataDir, Map<String, String> options) {
    public TrainingRequest {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, was " + batch);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, was " + steps);
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warm-up steps must be >= 0, was " + warmupSteps);
        }
        options = Map.copyOf(options);
    }
}
