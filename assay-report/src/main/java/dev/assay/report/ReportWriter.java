package dev.assay.report;

import dev.assay.api.AssayException;
import dev.assay.core.bundle.AtomicFiles;
import dev.assay.report.model.RunView;
import dev.assay.report.render.CsvExport;
import dev.assay.report.render.HtmlReport;
import dev.assay.report.render.MarkdownReport;
import dev.assay.report.render.ReportContext;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Writes the reports of a run directory: {@code report.html} (self-contained), {@code report.md}
 * and {@code results.csv}, each atomically (temp file + rename), from run.json and the .hlog
 * files alone, so a report can be regenerated offline at any time.
 */
public final class ReportWriter {
    /** HTML report file name. */
    public static final String HTML = "report.html";
    /** Markdown report file name. */
    public static final String MARKDOWN = "report.md";
    /** CSV export file name. */
    public static final String CSV = "results.csv";

    private ReportWriter() {
    }

    /**
     * The files written.
     *
     * @param html     report.html
     * @param markdown report.md
     * @param csv      results.csv
     */
    public record ReportFiles(Path html, Path markdown, Path csv) {
    }

    /**
     * Options of a write; fixed in tests so output is byte-stable.
     *
     * @param clock       time source for "generated at"
     * @param toolVersion version string of this assay
     */
    public record Options(Clock clock, String toolVersion) {
        public Options {
            if (clock == null) {
                throw new IllegalArgumentException("clock must not be null");
            }
            if (toolVersion == null || toolVersion.isBlank()) {
                throw new IllegalArgumentException("toolVersion must be non-blank");
            }
        }

        /** The system clock and this build's version (jar manifest, "dev" when run from classes). */
        public static Options defaults() {
            return new Options(Clock.systemUTC(), ReportWriter.toolVersion());
        }
    }

    /** Writes the reports with the system clock and this build's version. */
    public static ReportFiles write(Path runDir) throws AssayException {
        return write(runDir, Options.defaults());
    }

    /**
     * Writes the reports.
     *
     * @throws AssayException bad input when runDir or its run.json is missing or unreadable;
     *                        a failure when the files cannot be written
     */
    public static ReportFiles write(Path runDir, Options options) throws AssayException {
        RunView run = RunView.load(runDir);
        Path dir = run.dir();
        ReportContext ctx = new ReportContext(options.toolVersion(),
                DateTimeFormatter.ISO_INSTANT.format(Instant.now(options.clock()).truncatedTo(ChronoUnit.SECONDS)));
        ReportFiles files = new ReportFiles(dir.resolve(HTML), dir.resolve(MARKDOWN), dir.resolve(CSV));
        // Render everything first so a rendering bug cannot leave one new file beside two stale ones.
        String html = HtmlReport.render(run, ctx);
        String md = MarkdownReport.render(run, ctx);
        String csv = CsvExport.render(run);
        try {
            AtomicFiles.write(files.html(), html);
            AtomicFiles.write(files.markdown(), md);
            AtomicFiles.write(files.csv(), csv);
        } catch (IOException e) {
            throw AssayException.failure("cannot write the report into " + dir + ": " + e.getMessage(), e);
        }
        return files;
    }

    /** This build's version from the jar manifest, "dev" when running from classes. */
    public static String toolVersion() {
        String v = ReportWriter.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
