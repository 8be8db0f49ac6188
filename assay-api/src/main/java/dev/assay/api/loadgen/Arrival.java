package dev.assay.api.loadgen;

import java.util.List;

/**
 * How an open-loop (server) scenario spaces its queries. Each pattern compiles to a seeded
 * schedule of issue times before the run starts.
 */
public sealed interface Arrival {
    /** Short id used in run.json, e.g. {@code poisson} or {@code gamma:4.0}. */
    String id();

    /** Exponential inter-arrival times (Poisson process): MLPerf's server scenario. */
    record Poisson() implements Arrival {
        public String id() {
            return "poisson";
        }
    }

    /** Evenly spaced queries at the target rate. */
    record Constant() implements Arrival {
        public String id() {
            return "constant";
        }
    }

    /**
     * Gamma-distributed inter-arrival times with the target mean; {@code burstiness} is the
     * squared coefficient of variation (1 = Poisson, larger = burstier).
     */
    record Gamma(double burstiness) implements Arrival {
        public Gamma {
            if (!(burstiness > 0) || Double.isInfinite(burstiness)) {
                throw new IllegalArgumentException("gamma burstiness must be > 0, was " + burstiness);
            }
        }

        public String id() {
            return "gamma:" + burstiness;
        }
    }

    /** Replays recorded arrival offsets (nanoseconds from the start), e.g. from a production trace. */
    record Trace(String source, List<Long> offsetsNanos) implements Arrival {
        public Trace {
            offsetsNanos = List.copyOf(offsetsNanos);
            if (offsetsNanos.isEmpty()) {
                throw new IllegalArgumentException("trace " + source + " holds no arrival offsets");
            }
        }

        public String id() {
            return "trace:" + source;
        }
    }
}
