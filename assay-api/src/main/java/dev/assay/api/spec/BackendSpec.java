package dev.assay.api.spec;

import java.util.List;
import java.util.Map;

/**
 * A runtime as it was configured for the run.
 *
 * @param backend            Assay backend id (e.g. {@code onnxruntime})
 * @param runtime            runtime name (e.g. "ONNX Runtime")
 * @param version            runtime version as reported by the runtime itself
 * @param executionProviders providers available in this build (e.g. CPUExecutionProvider)
 * @param activeProvider     the provider used for the run
 * @param threads            intra-/inter-op thread settings by name
 * @param options            other effective options (graph optimisation level, ...)
 */
public record BackendSpec(String backend, String runtime, String version, List<String> executionProviders,
                          String activeProvider, Map<String, Integer> threads, Map<String, String> options) {
    public BackendSpec {
        executionProviders = List.copyOf(executionProviders);
        threads = Map.copyOf(threads);
        options = Map.copyOf(options);
    }
}
