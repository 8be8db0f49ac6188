package dev.assay.core.suite;

import dev.assay.api.AssayException;
import dev.assay.api.loadgen.Scenario;
import dev.assay.core.loadgen.Arrivals;
import java.util.List;

/** Turns scenario and arrival ids from flags and suite files into the sealed API types. */
public final class ScenarioParser {
    /** Scenario ids accepted on the command line. */
    public static final List<String> IDS = List.of("single-stream", "multi-stream", "server", "offline", "concurrency");

    private ScenarioParser() {
    }

    public static Scenario parse(String id, Double qps, String arrival, Integer concurrency, Integer samplesPerQuery)
            throws AssayException {
        return switch (id) {
            case "single-stream" -> new Scenario.SingleStream();
            case "multi-stream" -> new Scenario.MultiStream(samplesPerQuery == null ? 8 : positive(samplesPerQuery, "--samples-per-query"));
            case "offline" -> new Scenario.Offline();
            case "concurrency" -> new Scenario.Concurrency(concurrency == null ? 4 : positive(concurrency, "--concurrency"));
            case "server" -> {
                if (qps == null) {
                    throw AssayException.badInput("the server scenario needs a target rate: --qps N (or use --find-peak)");
                }
                if (!(qps > 0) || qps.isInfinite()) {
                    throw AssayException.badInput("--qps must be > 0, was " + qps);
                }
                yield new Scenario.Server(qps, Arrivals.parse(arrival == null ? "poisson" : arrival));
            }
            default -> throw AssayException.badInput("unknown scenario '" + id + "' (allowed: " + String.join(", ", IDS) + ")");
        };
    }

    private static int positive(int v, String flag) throws AssayException {
        if (v < 1) {
            throw AssayException.badInput(flag + " must be >= 1, was " + v);
        }
        return v;
    }

}
