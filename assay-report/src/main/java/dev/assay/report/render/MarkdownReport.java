package dev.assay.report.render;

import static dev.assay.report.render.Md.esc;

import dev.assay.report.model.ResultView;
import dev.assay.report.model.RunView;
import java.util.List;

/**
 * report.md: the headline content of the HTML report for tickets and pull requests (verdicts,
 * per-precision tables, training table, executor summary), without charts. Built from the same
 * {@link Sections} tables as the HTML, so the numbers are identical.
 */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    /** Renders report.md. */
    public static String render(RunView run, ReportContext ctx) {
        StringBuilder b = new StringBuilder(32 * 1024);
        b.append("# Assay report: suite ").append(esc(run.suite())).append("\n\n");
        b.append("- Status: **").append(esc(run.status())).append("**")
                .append(run.statusDetail().isBlank() ? "" : " (" + esc(run.statusDetail()) + ")").append('\n');
        b.append("- Started ").append(esc(orNot(run.startedAt()))).append(", finished ").append(esc(orNot(run.finishedAt())))
                .append('\n');
        b.append("- Command: ").append(run.command().isEmpty() ? "_not in this run_" : Md.code(String.join(" ", run.command())))
                .append('\n');
        b.append("- Measured with assay ").append(esc(run.assayVersion())).append(" (run.json schema ")
                .append(run.schemaVersion()).append("); report by assay ").append(esc(ctx.toolVersion())).append(" at ")
                .append(esc(ctx.generatedAt())).append('\n');
        b.append("- Executor fingerprint: ").append(run.fingerprint().isEmpty() ? "_not in this run_" : Md.code(run.fingerprint()))
                .append("\n\n");

        b.append("## Verdicts and warnings\n\n");
        StringBuilder counts = new StringBuilder();
        Sections.verdictCounts(run).forEach((v, n) -> counts.append(counts.isEmpty() ? "" : ", ").append(n).append(' ').append(v));
        b.append(run.results().isEmpty() ? "No results in this run." : esc(counts.toString()) + ".").append("\n\n");
        Table bad = Sections.verdictTable(run);
        if (!bad.rows().isEmpty()) {
            b.append(Md.table(bad));
        }
        List<String> warnings = new java.util.ArrayList<>(run.warnings());
        warnings.addAll(Sections.resultWarnings(run));
        if (warnings.isEmpty()) {
            b.append("No warnings.\n\n");
        } else {
            b.append("Warnings:\n\n");
            warnings.forEach(w -> b.append("- ").append(esc(w)).append('\n'));
            b.append('\n');
        }

        b.append("## Executor\n\n").append(Md.table(Sections.executorSummary(run)));
        Table env = Sections.environment(run);
        b.append("Environment variables that steer native libraries: ");
        if (env.rows().isEmpty()) {
            b.append("none recorded.\n\n");
        } else {
            b.append(String.join(", ", env.rows().stream().map(r -> Md.code(r.get(0).text() + "=" + r.get(1).text())).toList()))
                    .append("\n\n");
        }

        b.append("## Inference\n\n");
        List<Sections.Group> groups = Sections.inferenceGroups(run);
        if (groups.isEmpty()) {
            b.append("No inference results in this run.\n\n");
        }
        String last = null;
        for (Sections.Group g : groups) {
            if (!g.workload().equals(last)) {
                b.append("### ").append(esc(g.workload())).append("\n\n");
                last = g.workload();
            }
            b.append(Md.table(Sections.inferenceTable(run, g)));
            for (ResultView r : g.results()) {
                Sections.saturationLine(r).ifPresent(s -> b.append("- ").append(esc(r.precision().toUpperCase(java.util.Locale.ROOT)))
                        .append(": ").append(esc(s)).append('\n'));
            }
            if (g.results().stream().anyMatch(r -> Sections.saturationLine(r).isPresent())) {
                b.append('\n');
            }
        }

        b.append("## Training\n\n");
        if (run.phase(ResultView.TRAINING).isEmpty()) {
            b.append("No training results in this run.\n\n");
        } else {
            b.append(Md.table(Sections.trainingTable(run)));
        }

        Table ceilings = Sections.ceilingsTable(run);
        b.append("## Roofline ceilings\n\n");
        b.append(ceilings.rows().isEmpty() ? "Not in this run.\n\n" : Md.table(ceilings));

        Table cap = Sections.capabilityTable(run);
        b.append("## Precision capability\n\n");
        b.append(cap.rows().isEmpty() ? "Not in this run.\n\n" : Md.table(cap));

        b.append("## Definitions\n\n")
                .append("Latency is measured from the scheduled issue time (coordinated-omission safe); percentiles are ")
                .append("nearest-rank on HdrHistogram with 3 significant digits. Full definitions (service time, issue lag, ")
                .append("early stopping, MFU, energy, roofline): [report.html#definitions](report.html#definitions); charts ")
                .append("(latency spectra, throughput vs p99, roofline, training curves) are in [report.html](report.html).\n");
        return b.toString();
    }

    private static String orNot(String s) {
        return s == null || s.isBlank() ? "not recorded" : s;
    }
}
