package dev.assay.core.loadgen;

import java.util.List;
import java.util.Map;

/**
 * Outcome of a saturation search.
 *
 * @param peakQps   highest probed scheduled rate that met the bound; 0 when none did
 * @param probes    every probe in the order run (the throughput-latency curve)
 * @param atPeak    the full result of the probe at the peak, or null when no rate met the bound
 * @param details   how the search ran: bound, percentile, precision, bracket, what limited it
 */
public record SaturationResult(double peakQps, List<SaturationProbe> probes, LoadGenResult atPeak,
                               Map<String, Object> details) {
    public SaturationResult {
        probes = List.copyOf(probes);
        details = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
    }

    /** Whether some probed rate met the bound. */
    public boolean found() {
        return atPeak != null;
    }
}
