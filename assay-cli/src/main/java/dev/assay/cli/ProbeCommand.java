package dev.assay.cli;

import dev.assay.api.spec.ExecutorSpec;
import dev.assay.core.backend.Backends;
import dev.assay.core.bundle.Json;
import dev.assay.core.probe.ExecutorProbe;
import dev.assay.core.probe.SpecSummary;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code assay probe [--json]}: the executor specification of this machine and its
 * fingerprint. Backends are discovered through ServiceLoader; one that is unavailable or
 * fails to start is listed with its reason and never stops the probe.
 */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = "Capture the executor specification (CPU, ISA, memory, OS, JVM, GPUs, backends, environment) and its fingerprint.")
public final class ProbeCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print the specification as JSON (the same object run.json stores under 'executor').")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec cmd;

    @Override
    public Integer call() {
        Backends.Specs backends = Backends.collectSpecs();
        ExecutorSpec spec = ExecutorProbe.capture(backends.available());
        List<String> warnings = ExecutorProbe.warnings(spec);
        PrintWriter out = cmd.commandLine().getOut();
        if (json) {
            out.println(Json.pretty(spec));
        } else {
            out.println("Executor specification");
            List<String> unavailable = backends.skipped().stream()
                    .map(s -> s.name() + " (" + s.phase() + "): " + s.reason()).toList();
            SpecSummary.lines(spec, unavailable, warnings).forEach(out::println);
        }
        out.flush();
        if (json && (!warnings.isEmpty() || !backends.skipped().isEmpty())) {
            // JSON stays machine-readable on stdout; what would be lost goes to stderr.
            PrintWriter err = cmd.commandLine().getErr();
            backends.skipped().forEach(s -> err.println("assay: backend " + s.name() + " (" + s.phase() + ") unavailable: " + s.reason()));
            warnings.forEach(w -> err.println("assay: warning: " + w));
            err.flush();
        }
        return AssayCli.OK;
    }
}
