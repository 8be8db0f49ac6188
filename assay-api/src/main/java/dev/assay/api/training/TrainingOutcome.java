package dev.assay.api.training;

import dev.assay.api.result.Check;
import dev.assay.api.result.Metric;
import java.util.List;
import java.util.Map;

/**
 * What a training run measured. The suite runner wraps it into a
 * {@link dev.assay.api.result.Result} with phase {@code training}.
 *
 * @param metrics    step_time, samples_per_s, tokens_per_s, mfu, time_to_quality, memory...
 * @param checks     validity checks (e.g. reached target quality)
 * @param warnings   what the reader must know (synthetic data fallback, ...)
 * @param details    disclosure: optimiser, accumulation steps, global batch, curves, FLOPs per step...
 */
public record TrainingOutcome(Map<String, Metric> metrics, List<Check> checks, List<String> warnings,
                              Map<String, Object> details) {
    public TrainingOutcome {
        metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
        checks = List.copyOf(checks);
        warnings = List.copyOf(warnings);
        details = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
    }
}
