package dev.assay.core.loadgen;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the self-test measured about the load generator on this machine.
 *
 * @param form                "short" (before every run) or "full" ({@code assay selftest})
 * @param timerResolutionNs   smallest non-zero step of System.nanoTime observed
 * @param timerCostNs         mean cost of one System.nanoTime call
 * @param overheadPerQueryNs  single-stream against the null SUT: measured window / queries, i.e. the
 *                            generator's whole per-query cost (schedule, issue, completion, recording)
 * @param issueLagP99NsAt100k issue lag p99 in a Poisson server run at 100,000 queries/s
 * @param serverMaxValidQps   highest Poisson server rate whose run stayed valid (a lower bound; see details)
 * @param details             per-step evidence, criteria and probes
 */
public record SelfTestReport(String form, long timerResolutionNs, double timerCostNs, double overheadPerQueryNs,
                             double issueLagP99NsAt100k, double serverMaxValidQps, Map<String, Object> details) {
    public SelfTestReport {
        details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** JSON form with the contract keys {@code server_max_valid_qps}, {@code overhead_per_query_ns}, {@code issue_lag_p99_ns_at_100k}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("form", form);
        m.put("server_max_valid_qps", serverMaxValidQps);
        m.put("overhead_per_query_ns", SaturationProbe.nanToNull(overheadPerQueryNs));
        m.put("issue_lag_p99_ns_at_100k", SaturationProbe.nanToNull(issueLagP99NsAt100k));
        m.put("timer_resolution_ns", timerResolutionNs);
        m.put("timer_cost_ns", timerCostNs);
        m.put("details", details);
        return m;
    }
}
