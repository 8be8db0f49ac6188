package dev.assay.cli;

import dev.assay.api.AssayException;
import dev.assay.api.roofline.BandwidthSample;
import dev.assay.api.roofline.Ceiling;
import dev.assay.api.roofline.CeilingOutcome;
import dev.assay.api.roofline.Effort;
import dev.assay.api.roofline.StreamKernel;
import dev.assay.api.spec.ExecutorSpec;
import dev.assay.core.backend.Backends;
import dev.assay.core.bundle.Json;
import dev.assay.core.probe.ExecutorProbe;
import dev.assay.core.probe.Fingerprint;
import dev.assay.core.roofline.IsaPeak;
import dev.assay.core.roofline.Roofline;
import dev.assay.core.roofline.RooflineCeilings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code assay roofline [--json] [--quick] [--fresh]}: this executor's measured ceilings (memory
 * bandwidth, peak compute per precision through every runtime) with the ISA's theoretical peak
 * beside each, cached per executor fingerprint. Progress goes to stderr so {@code --json} stays
 * machine-readable.
 */
@Command(name = "roofline", mixinStandardHelpOptions = true,
        description = "Measure memory bandwidth and peak compute per precision through each runtime, next to the ISA's theoretical peak.")
public final class RooflineCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print the roofline as JSON (the object run.json stores under 'roofline').")
    boolean json;

    @Option(names = "--quick", description = "The few-seconds measurement 'assay run' uses, instead of the full one.")
    boolean quick;

    @Option(names = "--fresh", description = "Measure even when a cached measurement of this executor exists.")
    boolean fresh;

    @Option(names = "--cache-dir", hidden = true, description = "Cache directory (default ~/.cache/assay/roofline).")
    Path cacheDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec cmd;

    @Override
    public Integer call() throws AssayException {
        PrintWriter err = cmd.commandLine().getErr();
        ExecutorSpec spec = ExecutorProbe.capture(Backends.collectSpecs().available());
        RooflineCeilings c = Roofline.loadOrMeasure(spec.fingerprint(), quick ? Effort.QUICK : Effort.FULL,
                cacheDir != null ? cacheDir : Roofline.defaultCacheDir(), fresh, msg -> {
                    err.println("assay: " + msg);
                    err.flush();
                });
        PrintWriter out = cmd.commandLine().getOut();
        if (json) {
            out.println(Json.pretty(c.toJson()));
        } else {
            print(c, out);
        }
        out.flush();
        return AssayCli.OK;
    }

    static void print(RooflineCeilings c, PrintWriter out) {
        out.printf(Locale.ROOT, "Roofline of executor %s (%s measurement, %s; %s)%n", Fingerprint.shortForm(c.fingerprint()),
                c.effort().name().toLowerCase(Locale.ROOT), c.measuredAt(), c.origin());
        out.println();
        out.println("Memory bandwidth (STREAM kernels, GB/s = 1e9 bytes/s, STREAM byte counting)");
        if (c.bandwidth() == null) {
            out.println("  " + c.bandwidthReason());
        } else {
            out.printf(Locale.ROOT, "  best triad %.1f GB/s   (%s)%n", c.bandwidthGbs().orElseThrow(), c.bandwidth().runtime());
            TreeSet<Integer> threads = new TreeSet<>();
            c.bandwidth().samples().forEach(s -> threads.add(s.threads()));
            out.printf(Locale.ROOT, "  %-8s %8s %8s %8s %8s%n", "threads", "copy", "scale", "add", "triad");
            for (int t : threads) {
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-8d", t));
                for (StreamKernel k : StreamKernel.values()) {
                    BandwidthSample s = c.bandwidth().samples().stream()
                            .filter(x -> x.kernel() == k && x.threads() == t).findFirst().orElse(null);
                    row.append(s == null ? String.format(Locale.ROOT, " %8s", "-") : String.format(Locale.ROOT, " %8.1f", s.gbs()));
                }
                out.println(row);
            }
            out.printf(Locale.ROOT, "  arrays %d MiB each; last-level cache %s%n", c.bandwidth().arrayBytes() >> 20,
                    c.bandwidth().llcSource());
        }
        out.println();
        out.println("Peak compute (GFLOP/s; int8 in GOP/s)");
        out.printf(Locale.ROOT, "  %-6s %10s %10s %7s  %s%n", "prec", "measured", "ISA peak", "of ISA", "runtime: method or reason");
        for (CeilingOutcome o : c.outcomes()) {
            IsaPeak.Entry isa = c.isa().entries().get(o.precision());
            String isaText = isa == null || isa.gflops() == null ? "n/c" : String.format(Locale.ROOT, "%.1f", isa.gflops());
            switch (o) {
                case CeilingOutcome.Measured(Ceiling ceil) -> out.printf(Locale.ROOT, "  %-6s %10.1f %10s %7s  %s: %s%n",
                        ceil.precision(), ceil.gflops(), isaText, isa == null || isa.gflops() == null ? "-"
                                : String.format(Locale.ROOT, "%.0f%%", 100 * ceil.gflops() / isa.gflops()),
                        ceil.runtime(), ceil.method());
                case CeilingOutcome.NotMeasured n -> out.printf(Locale.ROOT, "  %-6s %10s %10s %7s  %s: not measured: %s%n",
                        n.precision(), "-", isaText, "-", n.runtime(), n.reason());
            }
        }
        if (c.outcomes().isEmpty()) {
            out.println("  no ceiling provider on the class path");
        }
        out.println();
        out.println("ISA theoretical peak (n/c = not computed)");
        c.isa().entries().values().forEach(e -> out.printf(Locale.ROOT, "  %-6s %s%n", e.precision(),
                e.gflops() != null ? String.format(Locale.ROOT, "%.1f = %s", e.gflops(), e.basis()) : e.notComputed()));
        c.isa().assumptions().forEach(a -> out.println("  assumes " + a));
        if (!c.warnings().isEmpty()) {
            out.println();
            c.warnings().forEach(w -> out.println("warning: " + w));
        }
    }
}
