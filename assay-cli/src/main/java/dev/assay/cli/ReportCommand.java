package dev.assay.cli;

import dev.assay.api.AssayException;
import dev.assay.report.ReportWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code assay report RUN_DIR}: (re)writes report.html, report.md and results.csv from a run directory, offline. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write report.html (self-contained), report.md and results.csv from a run directory.",
                "Works offline from run.json and the .hlog files alone; prints the path of report.html."})
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "run directory holding run.json")
    Path runDir;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws AssayException {
        ReportWriter.ReportFiles files = ReportWriter.write(runDir);
        spec.commandLine().getOut().println(files.html().toAbsolutePath());
        return AssayCli.OK;
    }
}
