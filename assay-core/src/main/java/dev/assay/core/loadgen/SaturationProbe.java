package dev.assay.core.loadgen;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One rate probed by the saturation search: a point of the throughput-latency curve.
 *
 * @param index          probe number, from 1
 * @param scheduledQps   the scheduled (target) arrival rate
 * @param achievedQps    completed queries per second in the measured window
 * @param throughput     samples per second (x items per sample)
 * @param p50Ms          median latency
 * @param p99Ms          99th-percentile latency
 * @param targetMs       latency at the search's percentile (equals p99Ms when it is 0.99)
 * @param meetsBound     whether this probe counted as meeting the bound (see {@link SaturationSearch})
 * @param valid          whether every validity check of the probe passed
 * @param note           why it did not meet the bound, or null
 * @param hlog           the probe's interval histogram log, or null
 */
public record SaturationProbe(int index, double scheduledQps, double achievedQps, double throughput, double p50Ms,
                              double p99Ms, double targetMs, boolean meetsBound, boolean valid, String note,
                              String hlog) {
    /** JSON-friendly form (NaN becomes null). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", index);
        m.put("scheduled_qps", scheduledQps);
        m.put("achieved_qps", nanToNull(achievedQps));
        m.put("throughput", nanToNull(throughput));
        m.put("p50_ms", nanToNull(p50Ms));
        m.put("p99_ms", nanToNull(p99Ms));
        m.put("target_percentile_ms", nanToNull(targetMs));
        m.put("meets_bound", meetsBound);
        m.put("valid", valid);
        m.put("note", note);
        m.put("hlog", hlog);
        return m;
    }

    static Object nanToNull(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    }
}
