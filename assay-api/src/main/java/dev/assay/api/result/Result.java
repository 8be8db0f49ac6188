package dev.assay.api.result;

import dev.assay.api.Phase;
import java.util.List;
import java.util.Map;

/**
 * One measured configuration.
 *
 * @param phase     inference or training: never mixed in one table
 * @param workload  workload name
 * @param backend   backend id
 * @param precision precision id
 * @param batch     batch size
 * @param seqLen    sequence length, 0 when not applicable
 * @param scenario  scenario id (inference) or training recipe id
 * @param settings  effective settings of this result (scenario parameters, durations, seed...)
 * @param validity  verdict and checks
 * @param warnings  what the reader must know
 * @param metrics   named metrics (latency, throughput, ...)
 * @param details   disclosure blocks: operators, capability, accuracy, roofline, energy, generator...
 */
public record Result(Phase phase, String workload, String backend, String precision, int batch, int seqLen,
                     String scenario, Map<String, Object> settings, Validity validity, List<String> warnings,
                     Map<String, Metric> metrics, Map<String, Object> details) {
    public Result {
        settings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
        warnings = List.copyOf(warnings);
        metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
        details = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
    }
}
