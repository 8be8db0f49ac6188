package dev.assay.api.loadgen;

/** The issue rule of a run (MLPerf Inference semantics; see docs/metrics.md). */
public sealed interface Scenario {
    /** Id used on the CLI and in run.json. */
    String id();

    /** Next query when the previous completes; headline p90 latency. */
    record SingleStream() implements Scenario {
        public String id() {
            return "single-stream";
        }
    }

    /** Closed loop of N-sample queries; query latency is the slowest sample's. */
    record MultiStream(int samplesPerQuery) implements Scenario {
        public MultiStream {
            if (samplesPerQuery < 1) {
                throw new IllegalArgumentException("samples per query must be >= 1, was " + samplesPerQuery);
            }
        }

        public String id() {
            return "multi-stream";
        }
    }

    /** Open loop at a target rate with the given arrival pattern. */
    record Server(double targetQps, Arrival arrival) implements Scenario {
        public Server {
            if (!(targetQps > 0) || Double.isInfinite(targetQps)) {
                throw new IllegalArgumentException("server scenario needs a target rate > 0 queries/s, was " + targetQps);
            }
        }

        public String id() {
            return "server";
        }
    }

    /** All samples issued at once; headline samples per second. */
    record Offline() implements Scenario {
        public String id() {
            return "offline";
        }
    }

    /** N queries always in flight (closed loop). */
    record Concurrency(int inFlight) implements Scenario {
        public Concurrency {
            if (inFlight < 1) {
                throw new IllegalArgumentException("concurrency must be >= 1, was " + inFlight);
            }
        }

        public String id() {
            return "concurrency";
        }
    }
}
