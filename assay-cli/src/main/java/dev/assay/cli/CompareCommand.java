package dev.assay.cli;

import dev.assay.api.AssayException;
import dev.assay.report.ReportWriter;
import dev.assay.report.compare.Compare;
import dev.assay.report.compare.CompareReport;
import dev.assay.report.compare.Comparison;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code assay compare RUN_A RUN_B [...]}: comparability check, deltas with confidence intervals,
 * separate training and inference rankings; exit 1 with {@code --fail-on-regression PCT} when a
 * comparable metric regressed significantly by more than PCT percent.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare runs: the first is the baseline. Pairs results that measured the same thing,",
                "flags those that did not (with the reason), lists executor differences, shows deltas with",
                "confidence intervals, and ranks executors separately for training and inference."})
final class CompareCommand implements Callable<Integer> {
    @Parameters(arity = "2..*", paramLabel = "RUN", description = "run directories (or their run.json), baseline first")
    List<Path> runs;

    @Option(names = "--fail-on-regression", paramLabel = "PCT",
            description = "exit 1 when a comparable metric regresses significantly by more than PCT percent")
    Double failOnRegression;

    @Option(names = "--json", description = "print the comparison as JSON instead of a table")
    boolean json;

    @Option(names = "--out", paramLabel = "DIR", description = "also write compare.html, compare.md and compare.json into DIR")
    Path out;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws AssayException {
        Comparison c = Compare.compare(runs, failOnRegression == null ? Double.NaN : failOnRegression);
        PrintWriter o = spec.commandLine().getOut();
        o.print(json ? CompareReport.json(c) + "\n" : CompareReport.text(c));
        if (out != null) {
            for (Path p : CompareReport.write(c, out, ReportWriter.toolVersion())) {
                if (!json) {
                    o.println("wrote " + p.toAbsolutePath());
                }
            }
        }
        o.flush();
        return c.exitCode();
    }
}
