package dev.assay.report.render;

import static dev.assay.report.render.Html.esc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.bundle.Json;
import dev.assay.report.model.Facts;
import dev.assay.report.model.Nodes;
import dev.assay.report.model.ResultView;
import dev.assay.report.model.RunView;
import dev.assay.report.render.Table.Cell;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The self-contained HTML report: one file, inline CSS, inline SVG charts, no network access
 * (a Content-Security-Policy forbids any), and a few lines of script whose only job is to
 * record script errors into {@code <body data-errors>} so a headless browser can check them.
 */
public final class HtmlReport {
    private final RunView run;
    private final ReportContext ctx;
    private final StringBuilder out = new StringBuilder(256 * 1024);
    private int chartSeq;

    private HtmlReport(RunView run, ReportContext ctx) {
        this.run = run;
        this.ctx = ctx;
    }

    /** Renders the whole page. */
    public static String render(RunView run, ReportContext ctx) {
        return new HtmlReport(run, ctx).page();
    }

    private String page() {
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n")
                .append("<meta name=\"generator\" content=\"assay ").append(esc(ctx.toolVersion())).append("\">\n")
                .append("<title>Assay report · ").append(esc(run.suite())).append(" · ").append(esc(run.startedAt()))
                .append("</title>\n<style>\n").append(resource("report.css")).append("</style>\n</head>\n")
                .append("<body data-errors=\"0\">\n")
                // Records script errors for the browser test; registered before anything else runs.
                .append("<script>(function(){var n=0;function rec(){n++;document.body.setAttribute('data-errors',String(n));}")
                .append("window.addEventListener('error',rec,true);window.addEventListener('unhandledrejection',rec);")
                .append("window.addEventListener('load',function(){document.body.setAttribute('data-loaded','1');});})();</script>\n");
        header();
        nav();
        out.append("<main>\n");
        verdicts();
        executor();
        inference();
        training();
        roofline();
        energy();
        capability();
        allResults();
        definitions();
        out.append("<footer>Self-contained report written by assay ").append(esc(ctx.toolVersion()))
                .append(" from ").append(esc(RunView.RUN_JSON))
                .append(" and the .hlog files of the run directory; it loads nothing from the network. ")
                .append("Regenerate with <code>assay report RUN_DIR</code>.</footer>\n</main>\n</body>\n</html>\n");
        return out.toString();
    }

    // ---- sections -----------------------------------------------------------------------

    private void header() {
        out.append("<header class=\"top\"><h1>Assay report · suite ").append(esc(run.suite())).append(" ")
                .append(badge(run.status())).append("</h1>\n<div class=\"sub\">");
        out.append("started ").append(esc(orNot(run.startedAt()))).append(" · finished ")
                .append(esc(orNot(run.finishedAt()))).append(" · ").append(run.results().size()).append(" results (")
                .append(run.phase(ResultView.INFERENCE).size()).append(" inference, ")
                .append(run.phase(ResultView.TRAINING).size()).append(" training)");
        out.append("<br>command: <code>").append(esc(run.command().isEmpty() ? "not in this run" : String.join(" ", run.command())))
                .append("</code><br>measured with assay ").append(esc(run.assayVersion())).append(" (run.json schema ")
                .append(run.schemaVersion()).append(") · report by assay ").append(esc(ctx.toolVersion())).append(" at ")
                .append(esc(ctx.generatedAt())).append(" · executor fingerprint <code>")
                .append(esc(run.fingerprint().isEmpty() ? "not in this run" : run.fingerprint())).append("</code></div></header>\n");
    }

    private void nav() {
        out.append("<nav class=\"toc\">");
        String[][] links = {{"verdicts", "Verdicts & warnings"}, {"executor", "Executor"}, {"inference", "Inference"},
                {"training", "Training"}, {"roofline", "Roofline"}, {"energy", "Energy"}, {"capability", "Precision capability"},
                {"results", "All results"}, {"definitions", "Definitions"}};
        for (String[] l : links) {
            out.append("<a href=\"#").append(l[0]).append("\">").append(l[1]).append("</a>");
        }
        out.append("</nav>\n");
    }

    private void verdicts() {
        open("verdicts", "Verdicts and warnings");
        if (!run.status().equalsIgnoreCase("complete")) {
            out.append("<div class=\"callout\"><b>Run status: ").append(esc(run.status())).append("</b>")
                    .append(run.statusDetail().isBlank() ? "" : " — " + esc(run.statusDetail()))
                    .append(". Results below are those measured before the run stopped.</div>\n");
        }
        out.append("<p class=\"chips\">");
        Sections.verdictCounts(run).forEach((v, n) -> out.append("<span class=\"badge ").append(esc(v)).append("\">")
                .append(n).append(" ").append(esc(v)).append("</span>"));
        if (run.results().isEmpty()) {
            out.append("no results in this run");
        }
        out.append("</p>\n");
        Table bad = Sections.verdictTable(run);
        if (bad.rows().isEmpty() && !run.results().isEmpty()) {
            out.append("<div class=\"callout ok\">Every result is VALID.</div>\n");
        } else if (!bad.rows().isEmpty()) {
            table(bad, "");
        }
        List<String> runWarnings = run.warnings();
        List<String> resultWarnings = Sections.resultWarnings(run);
        if (runWarnings.isEmpty() && resultWarnings.isEmpty()) {
            out.append("<p class=\"note\">No warnings.</p>\n");
        } else {
            out.append("<div class=\"callout warn\"><b>Warnings</b><ul class=\"warn\">");
            runWarnings.forEach(w -> out.append("<li>").append(esc(w)).append("</li>"));
            resultWarnings.forEach(w -> out.append("<li>").append(esc(w)).append("</li>"));
            out.append("</ul></div>\n");
        }
        close();
    }

    private void executor() {
        open("executor", "Executor specification");
        table(Sections.executorSummary(run), "kv");
        out.append("<h4>Environment variables that steer native libraries</h4>\n");
        Table env = Sections.environment(run);
        if (env.rows().isEmpty()) {
            out.append("<p class=\"note\">").append(Nodes.present(Nodes.field(run.executor(), "environment"))
                    ? "None set." : "Not in this run.").append("</p>\n");
        } else {
            table(env, "kv");
        }
        JsonNode gen = run.block("generator");
        out.append("<h4>Load generator self-test</h4>\n");
        if (gen.isObject() && gen.size() > 0) {
            table(Sections.keyValues(gen), "kv");
        } else {
            out.append("<p class=\"note\">Not in this run.</p>\n");
        }
        details("Full executor specification (JSON)", run.executor());
        JsonNode fields = Nodes.field(run.executor(), "fingerprintFields");
        if (fields.isArray() && fields.size() > 0) {
            out.append("<details><summary>Fields covered by the fingerprint</summary><p class=\"note\">");
            out.append(esc(String.join(", ", Nodes.strings(fields)))).append("</p></details>\n");
        }
        details("Requested settings", run.block("requested"));
        details("Effective settings", run.block("effective"));
        close();
    }

    private void inference() {
        open("inference", "Inference");
        List<Sections.Group> groups = Sections.inferenceGroups(run);
        if (groups.isEmpty()) {
            out.append("<p class=\"note\">No inference results in this run.</p>\n");
            close();
            return;
        }
        out.append("<p class=\"note\">One table per workload and scenario, one row per precision. Latency is measured ")
                .append("from the scheduled issue time. Speed-up is throughput against the FP32 row with the same settings.</p>\n");
        String lastWorkload = null;
        for (Sections.Group g : groups) {
            if (!g.workload().equals(lastWorkload)) {
                out.append("<h3>").append(esc(g.workload())).append("</h3>\n");
                lastWorkload = g.workload();
            }
            table(Sections.inferenceTable(run, g), "");
            out.append("<p class=\"note\">Scenario <b>").append(esc(g.scenario())).append("</b>: ")
                    .append(esc(headline(g.scenario()))).append("</p>\n");
            for (ResultView r : g.results()) {
                Sections.saturationLine(r).ifPresent(s -> out.append("<p class=\"note\">").append(esc(r.precision().toUpperCase(Locale.ROOT)))
                        .append(": ").append(esc(s)).append("</p>\n"));
            }
            List<Charts.Figure> figs = new ArrayList<>();
            Map<String, List<ResultView>> sameSettings = new LinkedHashMap<>();
            for (ResultView r : g.results()) {
                sameSettings.computeIfAbsent(r.backend() + "|" + r.batch() + "|" + r.seqLen() + "|" + Sections.operatingPoint(r),
                        k -> new ArrayList<>()).add(r);
            }
            Map<String, String> common = Sections.commonSettings(g);
            sameSettings.values().forEach(rs -> {
                ResultView f = rs.get(0);
                String varying = Sections.varying(f, common);
                String title = f.workload() + " · " + f.scenario() + " · " + f.backend() + " · batch " + f.batch()
                        + (f.seqLen() > 0 ? " · seq " + f.seqLen() : "")
                        + (varying.isEmpty() ? "" : " · " + varying)
                        + " — latency spectrum";
                Charts.spectrum(run, nextId("spec"), title, rs).ifPresent(figs::add);
            });
            for (ResultView r : g.results()) {
                Charts.saturation(nextId("sat"), r).ifPresent(figs::add);
            }
            figures(figs);
            for (ResultView r : g.results()) {
                Facts.saturation(r).ifPresent(s -> {
                    Table.Builder t = new Table.Builder("", List.of("Scheduled rate", "Achieved", "p50", "p99", "Valid"));
                    s.probes().forEach(p -> t.row(List.of(Cell.num(Fmt.num(p.rate()) + " QPS"),
                            Cell.num(Fmt.num(p.throughput()) + "/s"), Cell.num(Fmt.ms(p.p50Ms())), Cell.num(Fmt.ms(p.p99Ms())),
                            new Cell(p.valid() ? "yes" : "no", p.valid() ? Table.Kind.GOOD : Table.Kind.BAD, "", "", 1))));
                    out.append("<details><summary>Saturation probes: ").append(esc(r.label())).append("</summary>\n");
                    table(t.build(), "");
                    out.append("</details>\n");
                });
            }
        }
        close();
    }

    private void training() {
        open("training", "Training");
        List<ResultView> tr = run.phase(ResultView.TRAINING);
        if (tr.isEmpty()) {
            out.append("<p class=\"note\">No training results in this run.</p>\n");
            close();
            return;
        }
        out.append("<p class=\"note\">Training is a different workload from inference and is never ranked or tabulated with it.</p>\n");
        table(Sections.trainingTable(run), "");
        List<Charts.Figure> figs = new ArrayList<>();
        for (ResultView r : tr) {
            figs.addAll(Charts.trainingCurves(nextId("train"), r));
        }
        figures(figs);
        for (ResultView r : tr) {
            Map<String, Double> mem = Facts.memory(r);
            JsonNode ttq = r.detail("time_to_quality");
            JsonNode mfu = r.detail("mfu");
            if (mem.isEmpty() && !Nodes.present(ttq) && !Nodes.present(mfu)) {
                continue;
            }
            out.append("<h4>").append(esc(r.label())).append("</h4>\n");
            if (!mem.isEmpty()) {
                Table.Builder t = new Table.Builder("Memory footprint", List.of("Part", "Bytes"));
                mem.forEach((k, v) -> t.row(List.of(Cell.text(k.replace("_bytes", "").replace('_', ' ')), Cell.num(Fmt.bytes(v)))));
                table(t.build(), "kv");
            }
            if (Nodes.present(mfu)) {
                table(Sections.keyValues(mfu).withCaption("MFU"), "kv");
            }
            if (Nodes.present(ttq)) {
                table(Sections.keyValues(ttq).withCaption("Time-to-quality"), "kv");
            }
        }
        close();
    }

    private void roofline() {
        open("roofline", "Roofline");
        Table ceilings = Sections.ceilingsTable(run);
        if (ceilings.rows().isEmpty()) {
            out.append("<p class=\"note\">Measured ceilings: not in this run")
                    .append(Facts.rooflineReason(run).map(r -> " (" + esc(r) + ")").orElse("")).append(".</p>\n");
        } else {
            table(ceilings, "kv");
        }
        Charts.roofline(nextId("roof"), run).ifPresent(f -> figures(List.of(f)));
        Table points = Sections.rooflineTable(run);
        if (points.rows().isEmpty()) {
            out.append("<p class=\"note\">No result carries an arithmetic intensity.</p>\n");
        } else {
            table(points, "");
        }
        close();
    }

    private void energy() {
        open("energy", "Energy");
        Table t = Sections.energyTable(run);
        if (t.rows().isEmpty()) {
            out.append("<p class=\"note\">No result ran, so nothing was measured.</p>\n");
        } else {
            out.append("<p class=\"note\">Energy at the operating point, with its source and boundary. "
                    + "\"Not measured\" is stated with its reason rather than estimated.</p>\n");
            table(t, "");
        }
        close();
    }

    private void capability() {
        open("capability", "Precision capability matrix");
        Table t = Sections.capabilityTable(run);
        if (t.rows().isEmpty()) {
            out.append("<p class=\"note\">Not in this run.</p>\n");
        } else {
            out.append("<p class=\"note\">native: runs in that precision · emulated: casts to FP32 inserted · "
                    + "slow-path: slower than FP32 · unsupported: the runtime refuses. Hover a cell for the evidence.</p>\n");
            table(t, "");
        }
        close();
    }

    private void allResults() {
        open("results", "All results");
        if (run.results().isEmpty()) {
            out.append("<p class=\"note\">No results in this run.</p>\n");
        }
        for (ResultView r : run.results()) {
            out.append("<details class=\"result\" id=\"").append(r.anchor()).append("\"><summary>")
                    .append(badge(r.verdict())).append(" ").append(esc(r.phase())).append(" · ").append(esc(r.label()))
                    .append("</summary>\n");
            if (!r.settings().isMissingNode()) {
                out.append("<h4>Settings</h4>\n");
                table(Sections.keyValues(r.settings()), "kv");
            }
            out.append("<h4>Metrics</h4>\n");
            Table m = Sections.metricsTable(r);
            if (m.rows().isEmpty()) {
                out.append("<p class=\"note\">No metrics.</p>\n");
            } else {
                table(m, "kv");
            }
            if (!r.checks().isEmpty()) {
                out.append("<h4>Validity checks</h4>\n");
                table(Sections.checksTable(r), "");
            }
            if (!r.warnings().isEmpty()) {
                out.append("<h4>Warnings</h4><ul>");
                r.warnings().forEach(w -> out.append("<li>").append(esc(w)).append("</li>"));
                out.append("</ul>\n");
            }
            List<Facts.HlogRef> logs = Facts.hlogs(run, r);
            if (!logs.isEmpty()) {
                out.append("<p class=\"note\">Raw data: ");
                out.append(esc(String.join(", ", logs.stream().map(h -> run.dir().relativize(h.file()).toString()).toList())));
                out.append("</p>\n");
            }
            details("Disclosure details (JSON)", r.details());
            out.append("</details>\n");
        }
        close();
    }

    private void definitions() {
        open("definitions", "Metric definitions used in this report");
        for (Definitions.Section s : Definitions.load()) {
            out.append("<h3>").append(esc(s.title())).append("</h3>\n<dl class=\"defs\">");
            for (Definitions.Entry e : s.entries()) {
                out.append("<dt>").append(esc(e.term())).append("</dt><dd>").append(esc(e.definition())).append("</dd>");
            }
            out.append("</dl>\n");
        }
        close();
    }

    // ---- pieces -------------------------------------------------------------------------

    private static String headline(String scenario) {
        return switch (scenario.toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "single-stream", "singlestream" -> "next query when the previous completes; headline p90 latency.";
            case "multi-stream", "multistream" -> "closed loop, N samples per query; headline p99 query latency.";
            case "server" -> "open-loop Poisson arrivals; headline the highest scheduled rate whose p99 meets the bound.";
            case "offline" -> "all samples issued at once; headline samples per second.";
            case "concurrency" -> "N requests always in flight; headline throughput and latency at N.";
            default -> "see the definitions below.";
        };
    }

    private void open(String id, String title) {
        out.append("<section id=\"").append(id).append("\">\n<h2>").append(esc(title)).append("</h2>\n");
    }

    private void close() {
        out.append("</section>\n");
    }

    private String nextId(String prefix) {
        return prefix + (++chartSeq);
    }

    private void figures(List<Charts.Figure> figs) {
        if (figs.isEmpty()) {
            return;
        }
        out.append(figs.size() == 1 ? "<div class=\"charts one\">\n" : "<div class=\"charts\">\n");
        for (Charts.Figure f : figs) {
            out.append("<figure>").append(f.chart().render());
            if (!f.notes().isEmpty()) {
                out.append("<figcaption>").append(esc(String.join(" · ", f.notes()))).append("</figcaption>");
            }
            out.append("</figure>\n");
        }
        out.append("</div>\n");
    }

    private void details(String summary, JsonNode node) {
        out.append("<details><summary>").append(esc(summary)).append("</summary>");
        if (Nodes.present(node)) {
            out.append("<pre>").append(esc(Json.pretty(node))).append("</pre>");
        } else {
            out.append("<p class=\"note\">Not in this run.</p>");
        }
        out.append("</details>\n");
    }

    private void table(Table t, String cssClass) {
        out.append(HtmlTables.table(t, cssClass));
    }

    private static String badge(String v) {
        return HtmlTables.badge(v);
    }

    private static String orNot(String s) {
        return s == null || s.isBlank() ? "not recorded" : s;
    }

    private static String resource(String name) {
        return HtmlTables.resource(name);
    }
}
