package dev.assay.core.loadgen;

import dev.assay.api.loadgen.Arrival;
import dev.assay.api.loadgen.Scenario;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small facts about scenarios the generator and reports share. */
public final class Scenarios {
    private Scenarios() {
    }

    /** Samples carried by one query: N for multi-stream, 1 otherwise. */
    public static int samplesPerQuery(Scenario scenario) {
        return scenario instanceof Scenario.MultiStream ms ? ms.samplesPerQuery() : 1;
    }

    /** Whether queries are issued on a clock (server) rather than on completions or all at once. */
    public static boolean openLoop(Scenario scenario) {
        return scenario instanceof Scenario.Server;
    }

    /** Queries kept in flight by a closed-loop scenario; 0 for server and offline. */
    public static int closedLoopStreams(Scenario scenario) {
        return switch (scenario) {
            case Scenario.SingleStream s -> 1;
            case Scenario.MultiStream s -> 1;
            case Scenario.Concurrency c -> c.inFlight();
            case Scenario.Server s -> 0;
            case Scenario.Offline s -> 0;
        };
    }

    /** The scenario's parameters as JSON-friendly entries. */
    public static Map<String, Object> parameters(Scenario scenario) {
        Map<String, Object> m = new LinkedHashMap<>();
        switch (scenario) {
            case Scenario.SingleStream s -> {
            }
            case Scenario.MultiStream s -> m.put("samples_per_query", s.samplesPerQuery());
            case Scenario.Server s -> {
                m.put("target_qps", s.targetQps());
                m.put("arrival", s.arrival().id());
                if (s.arrival() instanceof Arrival.Gamma g) {
                    m.put("burstiness_scv", g.burstiness());
                }
                if (s.arrival() instanceof Arrival.Trace t) {
                    m.put("trace_arrivals", t.offsetsNanos().size());
                    m.put("trace_natural_qps", ArrivalGenerator.naturalRate(t));
                }
            }
            case Scenario.Offline s -> {
            }
            case Scenario.Concurrency c -> m.put("concurrency", c.inFlight());
        }
        return m;
    }
}
