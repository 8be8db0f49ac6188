package dev.assay.core.suite;

import java.util.List;
import java.util.Map;

/**
 * One suite entry; lists expand to their cross product. Null fields inherit from the suite
 * defaults and then the built-in defaults.
 *
 * @param workload        built-in workload name, or a label when {@code model} is set
 * @param model           external model file (inference), or null
 * @param backend         backend id; null picks the highest-ranked backend offering the workload
 * @param phase           {@code inference} (default) or {@code training}
 * @param precisions      precision ids
 * @param batches         batch sizes
 * @param seqLens         sequence lengths (sequence models only)
 * @param scenarios       inference scenarios
 * @param qps             target rate of the server scenario
 * @param arrival         arrival pattern of the server scenario ({@code poisson}, {@code constant},
 *                        {@code gamma:B}, {@code trace:FILE})
 * @param concurrency     in-flight count of the concurrency scenario
 * @param samplesPerQuery samples per query of the multi-stream scenario
 * @param steps           measured training steps
 * @param warmupSteps     training warm-up steps
 * @param duration        overrides the suite default duration for this entry
 * @param warmup          overrides the suite default warm-up for this entry
 * @param minQueries      overrides the suite default minimum query count for this entry
 * @param options         backend options passed through verbatim
 */
public record RunSpec(String workload, String model, String backend, String phase, List<String> precisions,
                      List<Integer> batches, List<Integer> seqLens, List<String> scenarios, Double qps,
                      String arrival, Integer concurrency, Integer samplesPerQuery, Integer steps,
                      Integer warmupSteps, String duration, String warmup, Long minQueries,
                      Map<String, String> options) {
    public RunSpec {
        precisions = precisions == null ? List.of() : List.copyOf(precisions);
        batches = batches == null ? List.of() : List.copyOf(batches);
        seqLens = seqLens == null ? List.of() : List.copyOf(seqLens);
        scenarios = scenarios == null ? List.of() : List.copyOf(scenarios);
        options = options == null ? Map.of() : Map.copyOf(options);
    }
}
