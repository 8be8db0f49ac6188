package dev.assay.report.compare;

import java.util.Locale;

/** Which way a metric improves; decided from its name, UNKNOWN when the name does not say. */
public enum Direction {
    /** Throughput-like. */
    HIGHER_IS_BETTER,
    /** Latency-, time-, energy-like. */
    LOWER_IS_BETTER,
    /** Not judged: shown, never a regression. */
    UNKNOWN;

    /** Direction of a metric name (and stat, e.g. "p99"). */
    public static Direction of(String metric) {
        String m = metric.toLowerCase(Locale.ROOT);
        if (m.contains("scheduled") || m.contains("count")) {
            return UNKNOWN; // an input of the run, not a result
        }
        for (String s : new String[] {"latency", "time", "lag", "energy", "memory", "power", "ttft", "tpot", "itl", "e2e",
                "rss", "bytes"}) {
            if (m.contains(s)) {
                return LOWER_IS_BETTER;
            }
        }
        for (String s : new String[] {"throughput", "per_s", "per_second", "qps", "mfu", "accuracy", "goodput", "speedup",
                "tokens_s", "samples_s"}) {
            if (m.contains(s)) {
                return HIGHER_IS_BETTER;
            }
        }
        return UNKNOWN;
    }
}
