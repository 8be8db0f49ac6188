package dev.assay.core.loadgen;

import dev.assay.api.result.Check;
import dev.assay.api.result.Metric;
import dev.assay.api.result.Validity;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.AbstractHistogram;

/**
 * What one load-generator run measured: named metrics, the validity checks, warnings the reader
 * must see, and JSON-serialisable details (maps, lists, numbers, strings).
 *
 * <p>Metric names: {@code latency} (ms, from the scheduled time: the headline),
 * {@code service_time} (ms), {@code issue_lag} (us), {@code throughput} (samples/s, where a
 * sample is one inference call carrying {@code itemsPerSample} items), {@code query_rate}
 * (queries/s), {@code scheduled_rate} (server only), {@code latency_pNN_early_stopping}
 * (single- and multi-stream) and {@code errors}.
 */
public final class LoadGenResult {
    private final Map<String, Metric> metrics;
    private final List<Check> checks;
    private final List<String> warnings;
    private final Map<String, Object> details;
    private final AbstractHistogram latencyNanos;

    LoadGenResult(Map<String, Metric> metrics, List<Check> checks, List<String> warnings,
                  Map<String, Object> details, AbstractHistogram latencyNanos) {
        this.metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        this.checks = List.copyOf(checks);
        this.warnings = List.copyOf(warnings);
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
        this.latencyNanos = latencyNanos;
    }

    public Map<String, Metric> metrics() {
        return metrics;
    }

    public List<Check> checks() {
        return checks;
    }

    public List<String> warnings() {
        return warnings;
    }

    public Map<String, Object> details() {
        return details;
    }

    /** True when every check passed. */
    public boolean valid() {
        return checks.stream().allMatch(Check::passed);
    }

    /** The verdict in the api's form. */
    public Validity validity() {
        return Validity.of(checks);
    }

    /** The named check, if it was applied. */
    public Optional<Check> check(String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /**
     * Latency of the measured queries at {@code percentile} (e.g. 0.99) in milliseconds, nearest
     * rank as everywhere else; NaN when nothing completed.
     */
    public double latencyMs(double percentile) {
        if (latencyNanos == null || latencyNanos.getTotalCount() == 0) {
            return Double.NaN;
        }
        return latencyNanos.getValueAtPercentile(percentile * 100) / 1e6;
    }

    /** A metric's single value (Value metrics), or NaN when absent or not a value. */
    public double value(String metric) {
        return metrics.get(metric) instanceof Metric.Value v ? v.value() : Double.NaN;
    }

    /** {@code p90}, {@code p99}, {@code p999}, {@code p95}, {@code p50}... as used in metric names. */
    public static String percentileLabel(double percentile) {
        String digits = String.format(Locale.ROOT, "%.6f", percentile * 100).replaceAll("0+$", "").replace(".", "");
        return "p" + digits;
    }

    @Override
    public String toString() {
        return "LoadGenResult[valid=" + valid() + ", metrics=" + metrics.keySet() + ", warnings=" + warnings.size() + "]";
    }
}
