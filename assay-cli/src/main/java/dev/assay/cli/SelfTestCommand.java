package dev.assay.cli;

import dev.assay.core.bundle.Json;
import dev.assay.core.loadgen.SelfTest;
import dev.assay.core.loadgen.SelfTestReport;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code assay selftest [--short] [--json]}: measures the load generator itself against a null
 * system under test (timer, per-query overhead, issue lag at 100k queries/s, highest valid server
 * rate). Progress goes to stderr; the report to stdout.
 */
@Command(name = "selftest", mixinStandardHelpOptions = true,
        description = "Measure the load generator itself against a null system under test.")
public final class SelfTestCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print the report as JSON (keys server_max_valid_qps, overhead_per_query_ns, issue_lag_p99_ns_at_100k, ...).")
    boolean json;

    @Option(names = "--short", description = "The ~3 s form that runs before every 'assay run' (coarser maximum rate).")
    boolean quick;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        SelfTestReport r = quick ? SelfTest.quick(line -> progress(err, line)) : SelfTest.full(line -> progress(err, line));
        if (json) {
            out.println(Json.pretty(r.toMap()));
        } else {
            out.printf(Locale.ROOT, "load generator self-test (%s form, %d processors)%n", r.form(),
                    Runtime.getRuntime().availableProcessors());
            out.printf(Locale.ROOT, "  timer resolution          %,d ns%n", r.timerResolutionNs());
            out.printf(Locale.ROOT, "  timer cost                %.1f ns per call%n", r.timerCostNs());
            out.printf(Locale.ROOT, "  overhead per query        %.0f ns (single-stream, null SUT)%n", r.overheadPerQueryNs());
            out.printf(Locale.ROOT, "  issue lag p99 at 100k/s   %.1f us%n", r.issueLagP99NsAt100k() / 1e3);
            out.printf(Locale.ROOT, "  highest valid server rate %,.0f queries/s%n", r.serverMaxValidQps());
            Object resolution = r.details().get("server_max_valid") instanceof java.util.Map<?, ?> m ? m.get("resolution") : null;
            if (resolution != null) {
                out.printf(Locale.ROOT, "    (%s)%n", resolution);
            }
        }
        out.flush();
        return AssayCli.OK;
    }

    private static void progress(PrintWriter err, String line) {
        err.println(line);
        err.flush();
    }
}
