package dev.assay.testkit;

import dev.assay.api.AssayException;
import dev.assay.api.backend.Backend;
import dev.assay.api.backend.PreparedWorkload;
import dev.assay.api.backend.WorkloadRequest;
import dev.assay.api.loadgen.SystemUnderTest;
import dev.assay.api.spec.BackendSpec;
import dev.assay.core.loadgen.EmptyLibrary;
import dev.assay.core.loadgen.NullSut;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prepares synthetic systems under test from {@link WorkloadRequest#options()}: {@code service}
 * (a {@link ServiceTimeLaw}, default {@code exp:1ms}), {@code servers} (default 1) and
 * {@code synchronous} ({@code true} makes {@code issue} block, so the generator's issue pool is
 * the queue; default false).
 */
public final class SyntheticBackend implements Backend {
    /** Option keys. */
    public static final String SERVICE = "service";
    public static final String SERVERS = "servers";
    public static final String SYNCHRONOUS = "synchronous";
    /** Default law when no service option is given. */
    public static final String DEFAULT_SERVICE = "exp:1ms";

    @Override
    public BackendSpec spec() {
        return new BackendSpec(SyntheticBackendProvider.NAME, "Assay synthetic queue", "1", List.of(), "java",
                Map.of(), Map.of("timing", "ideal timeline per server; park then spin the last 100 us"));
    }

    @Override
    public PreparedWorkload prepare(WorkloadRequest request) throws AssayException {
        ServiceTimeLaw law = ServiceTimeLaw.parse(request.options().getOrDefault(SERVICE, DEFAULT_SERVICE));
        int servers = parseServers(request.options().get(SERVERS));
        boolean sync = parseBoolean(request.options().get(SYNCHRONOUS));
        if (sync && servers != 1) {
            throw AssayException.badInput("--servers: a synchronous synthetic system has one server per issue thread; "
                    + "set the issue threads instead of servers=" + servers);
        }
        SystemUnderTest sut;
        if (law instanceof ServiceTimeLaw.None) {
            sut = new NullSut();
        } else if (sync) {
            sut = SyntheticSut.synchronous(law, request.seed());
        } else {
            sut = SyntheticSut.queue(law, servers, request.seed());
        }
        Map<String, Object> disclosure = new LinkedHashMap<>();
        disclosure.put("service", law.id());
        disclosure.put("servers", servers);
        disclosure.put("synchronous", sync);
        disclosure.put("mean_service_ms", law.meanNanos() / 1e6);
        if (law.meanNanos() > 0) {
            // Capacity in queries of one sample; multi-sample queries take proportionally longer.
            disclosure.put("capacity_qps", servers * 1e9 / law.meanNanos());
        }
        disclosure.put("service_time_rule", "sum of per-sample draws, a pure function of (seed, query id, sample position)");
        if (law instanceof ServiceTimeLaw.Exponential && servers == 1) {
            disclosure.put("analytic", "M/M/1 under Poisson arrivals at rate l: sojourn ~ Exp(mu - l), "
                    + "p99 = ln(100)/(mu - l), mean = 1/(mu - l)");
        } else if (law instanceof ServiceTimeLaw.Deterministic && servers == 1) {
            disclosure.put("analytic", "M/D/1 under Poisson arrivals: mean wait = rho d / (2 (1 - rho))");
        }
        return new PreparedWorkload(sut, new EmptyLibrary(1024), request.batch(), disclosure,
                List.of("synthetic system under test: the numbers describe a simulated queue (" + law.id() + " x" + servers
                        + "), not hardware"));
    }

    private static int parseServers(String text) throws AssayException {
        if (text == null) {
            return 1;
        }
        try {
            int n = Integer.parseInt(text.trim());
            if (n < 1 || n > 1024) {
                throw AssayException.badInput("--servers: must be in [1, 1024], was " + text);
            }
            return n;
        } catch (NumberFormatException e) {
            throw AssayException.badInput("--servers: '" + text + "' is not a whole number");
        }
    }

    private static boolean parseBoolean(String text) throws AssayException {
        if (text == null) {
            return false;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw AssayException.badInput("synchronous: '" + text + "' is not true or false");
        };
    }

    @Override
    public void close() {
        // Nothing held: each prepared workload owns (and closes) its system under test.
    }
}
