package dev.assay.core.suite;

import java.util.List;
import java.util.Map;

/**
 * What the command line overrides; null or empty means "not given". CLI beats suite file
 * beats built-in defaults.
 *
 * @param backend         force this backend for every entry
 * @param workload        run only this workload (or, with {@code model}, its label)
 * @param model           run this external model instead of the suite's entries
 * @param precisions      precision ids
 * @param batches         batch sizes
 * @param seqLens         sequence lengths
 * @param scenario        one scenario id
 * @param qps             server target rate
 * @param arrival         server arrival pattern
 * @param concurrency     concurrency in flight
 * @param samplesPerQuery multi-stream samples per query
 * @param duration        minimum measured duration
 * @param minQueries      minimum query count
 * @param latencyBound    latency bound
 * @param percentile      percentile of the bound (e.g. 99 or 0.99)
 * @param seed            seed
 * @param repeats         repeats per configuration
 * @param findPeak        run the saturation search instead of one rate
 * @param options         backend options (e.g. service, servers, threads)
 */
public record Overrides(String backend, String workload, String model, List<String> precisions, List<Integer> batches,
                        List<Integer> seqLens, String scenario, Double qps, String arrival, Integer concurrency,
                        Integer samplesPerQuery, String duration, Long minQueries, String latencyBound,
                        Double percentile, Long seed, Integer repeats, boolean findPeak, Map<String, String> options) {
    public Overrides {
        precisions = precisions == null ? List.of() : List.copyOf(precisions);
        batches = batches == null ? List.of() : List.copyOf(batches);
        seqLens = seqLens == null ? List.of() : List.copyOf(seqLens);
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    /** Nothing overridden. */
    public static Overrides none() {
        return new Overrides(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, false, null);
    }

    /** Whether the command line asks for a single ad-hoc run rather than the suite's entries. */
    public boolean adHoc() {
        return model != null || (backend != null && workload != null) || "synthetic".equals(backend);
    }
}
