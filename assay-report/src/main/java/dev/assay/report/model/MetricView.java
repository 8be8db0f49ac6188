package dev.assay.report.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A metric as found in run.json, classified by its shape because Jackson writes the sealed
 * {@code Metric} records without a type tag: {@code reason} means not measured, percentile
 * keys mean a distribution, a CI means an estimate, {@code value} means a plain value.
 */
public sealed interface MetricView {

    /** Unit string, empty when unknown or not applicable. */
    String unit();

    /** A distribution summary; absent percentiles are NaN. */
    record Dist(String unit, double p50, double p90, double p99, double p999, double max, double mean, long count)
            implements MetricView {
        /** The named percentile ("p50", "p90", "p99", "p999", "max", "mean"), NaN when unknown. */
        public double stat(String name) {
            return switch (name) {
                case "p50" -> p50;
                case "p90" -> p90;
                case "p99" -> p99;
                case "p999" -> p999;
                case "max" -> max;
                case "mean" -> mean;
                default -> Double.NaN;
            };
        }
    }

    /** One value (throughput, a ratio...). */
    record Val(String unit, double value) implements MetricView {
    }

    /** A value with a confidence interval from repeats. */
    record Est(String unit, double value, double ciLow, double ciHigh, double confidence, int repeats)
            implements MetricView {
    }

    /** Honest absence. */
    record Missing(String reason) implements MetricView {
        @Override
        public String unit() {
            return "";
        }
    }

    /** Classifies a metric node; never throws. */
    static MetricView parse(JsonNode n) {
        if (!Nodes.present(n)) {
            return new Missing("not in this run");
        }
        if (n.isNumber()) {
            return new Val("", n.asDouble());
        }
        if (n.isTextual()) {
            String t = n.asText();
            var num = Nodes.number(n);
            if (num.isPresent()) {
                return new Val("", num.getAsDouble());
            }
            return new Missing(t.replaceFirst("(?i)^not measured:\\s*", ""));
        }
        if (!n.isObject()) {
            return new Missing("unreadable metric: " + n);
        }
        String unit = Nodes.text(n, "unit").orElse("");
        var value = Nodes.number(n, "value");
        if (Nodes.present(Nodes.field(n, "reason")) && value.isEmpty() && Nodes.number(n, "p50").isEmpty()) {
            return new Missing(Nodes.text(n, "reason").orElse("no reason given"));
        }
        if (Nodes.number(n, "p50").isPresent() || Nodes.number(n, "p99").isPresent()) {
            return new Dist(unit, Nodes.numberOrNaN(n, "p50"), Nodes.numberOrNaN(n, "p90"),
                    Nodes.numberOrNaN(n, "p99"), Nodes.numberOrNaN(n, "p999", "p99_9", "p99.9"),
                    Nodes.numberOrNaN(n, "max"), Nodes.numberOrNaN(n, "mean"),
                    (long) Nodes.number(n, "count").orElse(0));
        }
        if (value.isPresent()) {
            var lo = Nodes.number(n, "ciLow");
            var hi = Nodes.number(n, "ciHigh");
            if (lo.isPresent() && hi.isPresent()) {
                return new Est(unit, value.getAsDouble(), lo.getAsDouble(), hi.getAsDouble(),
                        Nodes.number(n, "confidence").orElse(0.95), (int) Nodes.number(n, "repeats").orElse(0));
            }
            return new Val(unit, value.getAsDouble());
        }
        return new Missing("unreadable metric: " + n);
    }
}
