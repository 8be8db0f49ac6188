package dev.assay.report.compare;

import static dev.assay.report.render.Html.esc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.bundle.Json;
import dev.assay.report.compare.Comparison.Delta;
import dev.assay.report.compare.Comparison.Pair;
import dev.assay.report.render.Fmt;
import dev.assay.report.render.HtmlTables;
import dev.assay.report.render.Md;
import dev.assay.report.render.Table;
import dev.assay.report.render.Table.Cell;
import dev.assay.report.render.TextTables;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Renders a {@link Comparison} as terminal text, Markdown, self-contained HTML, or JSON. */
public final class CompareReport {
    private CompareReport() {
    }

    // ---- shared tables ----------------------------------------------------------------

    /** The compared runs. */
    public static Table runs(Comparison c) {
        Table.Builder t = new Table.Builder("Runs (A is the baseline)", List.of("Run", "Directory", "Suite", "Executor", "Fingerprint"));
        c.runs().forEach(r -> t.row(List.of(Cell.text(r.label()), Cell.text(r.dir()), Cell.text(r.suite()),
                Cell.text(r.executor()), new Cell(r.fingerprint().isEmpty() ? "none" : r.fingerprint(), Table.Kind.CODE, "", "", 1))));
        return t.build();
    }

    /** Executor differences as lines. */
    public static List<String> executorLines(Comparison c) {
        List<String> out = new ArrayList<>();
        for (Comparison.ExecutorDiff d : c.executors()) {
            String who = c.runs().get(d.run()).label() + " vs A: ";
            if (d.differences().isEmpty()) {
                out.add(who + (d.sameFingerprint() ? "same executor (fingerprint equal, no specification field differs)"
                        : "no specification field differs, but the fingerprints do not match (or are missing)"));
                continue;
            }
            out.add(who + (d.sameFingerprint() ? "same fingerprint; fields outside it differ:"
                    : "different executor; " + (d.differences().size() + d.truncated()) + " specification field(s) differ:"));
            d.differences().forEach(x -> out.add("    " + x));
            if (d.truncated() > 0) {
                out.add("    ... and " + d.truncated() + " more");
            }
        }
        return out;
    }

    /** One row per comparable pair: the headline deltas and what changed significantly. */
    public static Table summary(Comparison c) {
        Table.Builder t = new Table.Builder("Headline deltas (other run vs A)",
                List.of("Phase", "Result", "Run", "Throughput Δ", "p99 Δ", "Significant changes"));
        for (Pair p : c.pairs()) {
            List<String> worse = new ArrayList<>();
            List<String> better = new ArrayList<>();
            for (Delta d : p.deltas()) {
                if (d.verdict().equals("worse")) {
                    worse.add(d.name());
                } else if (d.verdict().equals("better")) {
                    better.add(d.name());
                }
            }
            String changes = (worse.isEmpty() ? "" : "worse: " + String.join(", ", worse))
                    + (worse.isEmpty() || better.isEmpty() ? "" : "; ")
                    + (better.isEmpty() ? "" : "better: " + String.join(", ", better));
            if (changes.isEmpty()) {
                changes = "none";
            }
            if (!p.gated()) {
                changes += " (not gated: a side is not VALID)";
            }
            t.row(List.of(Cell.text(p.key().phase()), Cell.text(p.label()), Cell.text(c.runs().get(p.run()).label()),
                    headline(p, d -> (d.metric().equals("throughput") || d.metric().equals("samples_per_s")) && d.stat().equals("value")),
                    headline(p, d -> (d.metric().equals("latency") || d.metric().equals("step_time")) && d.stat().equals("p99")),
                    new Cell(changes, worse.isEmpty() ? (better.isEmpty() ? Table.Kind.TEXT : Table.Kind.GOOD) : Table.Kind.BAD,
                            "", "", 1)));
        }
        return t.build();
    }

    private static Cell headline(Pair p, java.util.function.Predicate<Delta> which) {
        return p.deltas().stream().filter(which).findFirst().map(d -> Cell.num(Fmt.signedPct(d.deltaPct())
                + (Double.isNaN(d.ciLowPct()) ? " (no CI)" : " [" + Fmt.signedPct(d.ciLowPct()) + ", "
                + Fmt.signedPct(d.ciHighPct()) + "]"))).orElse(Cell.notMeasured("n/a"));
    }

    /** The deltas of one pair. */
    public static Table pairTable(Comparison c, Pair p) {
        String other = c.runs().get(p.run()).label();
        Table.Builder t = new Table.Builder(p.key().phase() + " · " + p.label() + "  (A vs " + other + ")",
                List.of("Metric", "A", other, "Δ", "CI of Δ", "Verdict"));
        for (Delta d : p.deltas()) {
            String ci = Double.isNaN(d.ciLowPct()) ? d.ciNote()
                    : "[" + Fmt.signedPct(d.ciLowPct()) + ", " + Fmt.signedPct(d.ciHighPct()) + "] at "
                    + Fmt.num(d.confidence() * 100) + " %";
            Table.Kind k = d.verdict().equals("worse") ? Table.Kind.BAD : d.verdict().equals("better") ? Table.Kind.GOOD
                    : d.verdict().startsWith("no CI") ? Table.Kind.NOT_MEASURED : Table.Kind.TEXT;
            t.row(List.of(Cell.text(d.name()), Cell.num(Fmt.withUnit(d.a(), d.unit())), Cell.num(Fmt.withUnit(d.b(), d.unit())),
                    Cell.num(Fmt.signedPct(d.deltaPct())), Cell.text(ci).tip(d.ciNote()),
                    new Cell(d.verdict().startsWith("no CI") ? "not tested" : d.verdict(), k, "", "", 1)));
        }
        return t.build();
    }

    /** Results that could not be paired. */
    public static Table notComparable(Comparison c) {
        Table.Builder t = new Table.Builder("NOT COMPARABLE", List.of("Result", "Run", "Closest result in the other run", "Reason"));
        c.notComparable().forEach(n -> t.row(List.of(Cell.text(n.label()), Cell.text(c.runs().get(n.run()).label()),
                Cell.text(n.partner().isEmpty() ? "none" : n.partner()), Cell.text(String.join("; ", n.reasons())))));
        return t.build();
    }

    /** Rankings, training and inference separately. */
    public static List<Table> rankings(Comparison c) {
        List<Table> out = new ArrayList<>();
        for (Comparison.Ranking r : c.rankings()) {
            Table.Builder t = new Table.Builder(capital(r.phase()) + " ranking by " + r.title() + " — " + r.note(),
                    List.of("Rank", "Run", "Score", "Executor"));
            int rank = 0;
            double last = Double.NaN;
            for (int i = 0; i < r.entries().size(); i++) {
                Comparison.Ranking.Entry e = r.entries().get(i);
                // equal scores share a rank: a tie is not a win
                if (!(Math.abs(e.score() - last) <= 1e-9 * Math.abs(last))) {
                    rank = i + 1;
                    last = e.score();
                }
                Comparison.RunRef ref = c.runs().get(e.run());
                t.row(List.of(Cell.num(Integer.toString(rank)), Cell.text(ref.label()), Cell.num(Fmt.factor(e.score())),
                        Cell.text(ref.executor())));
            }
            out.add(t.build());
        }
        return out;
    }

    /** The regression gate's findings. */
    public static String gateLine(Comparison c) {
        if (Double.isNaN(c.thresholdPct())) {
            return "Regression gate: off (use --fail-on-regression PCT).";
        }
        if (c.regressions().isEmpty()) {
            return "Regression gate: no comparable metric regressed significantly by more than "
                    + Fmt.num(c.thresholdPct()) + " %.";
        }
        StringBuilder b = new StringBuilder("Regression gate: " + c.regressions().size()
                + " significant regression(s) over " + Fmt.num(c.thresholdPct()) + " % (exit 1):");
        c.regressions().forEach(r -> b.append("\n    ").append(c.runs().get(r.run()).label()).append(": ").append(r.pair())
                .append(": ").append(r.delta().name()).append(' ').append(Fmt.signedPct(r.delta().deltaPct())).append(" [")
                .append(Fmt.signedPct(r.delta().ciLowPct())).append(", ").append(Fmt.signedPct(r.delta().ciHighPct())).append(']'));
        return b.toString();
    }

    private static String capital(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    // ---- renderers --------------------------------------------------------------------

    /** Terminal text. */
    public static String text(Comparison c) {
        return render(c, TextTables::table, s -> s + "\n", l -> "  " + l + "\n", s -> "\n== " + s + " ==\n");
    }

    /** Markdown (compare.md). */
    public static String markdown(Comparison c) {
        String body = render(c, Md::table, s -> Md.esc(s) + "\n\n", l -> "- " + Md.esc(l.strip()) + "\n",
                s -> "\n## " + Md.esc(s) + "\n\n");
        return "# Assay comparison\n" + body;
    }

    private static String render(Comparison c, Function<Table, String> table, Function<String, String> para,
                                 Function<String, String> item, Function<String, String> heading) {
        StringBuilder b = new StringBuilder();
        b.append(heading.apply("Runs")).append(table.apply(runs(c)));
        b.append(heading.apply("Executors"));
        executorLines(c).forEach(l -> b.append(item.apply(l)));
        b.append(heading.apply("Summary"));
        b.append(c.pairs().isEmpty() ? para.apply("No comparable results.") : table.apply(summary(c)));
        b.append(para.apply(gateLine(c)));
        for (String phase : List.of("inference", "training")) {
            List<Pair> ps = c.pairs().stream().filter(p -> p.key().phase().equals(phase)).toList();
            b.append(heading.apply("Comparable " + phase + " results (" + ps.size() + ")"));
            if (ps.isEmpty()) {
                b.append(para.apply("none"));
            }
            for (Pair p : ps) {
                b.append(table.apply(pairTable(c, p)));
                p.notes().forEach(n -> b.append(item.apply("note: " + n)));
                if (!p.notes().isEmpty()) {
                    b.append(para.apply(""));
                }
            }
        }
        b.append(heading.apply("Not comparable (" + c.notComparable().size() + ")"));
        b.append(c.notComparable().isEmpty() ? para.apply("none") : table.apply(notComparable(c)));
        b.append(heading.apply("Rankings (training and inference are ranked separately)"));
        for (Table t : rankings(c)) {
            b.append(t.rows().isEmpty() ? para.apply(t.caption()) : table.apply(t));
        }
        b.append(para.apply("Δ = (other / A - 1). CI of Δ: from repeats (Estimate CIs) or, for latency percentiles, "
                + "binomial order statistics per run at 97.5 % each, combined by interval arithmetic (>= 95 % jointly). "
                + "A change is significant when its CI excludes zero; without a CI it is not tested."));
        return b.toString();
    }

    /** Self-contained HTML (compare.html). */
    public static String html(Comparison c, String toolVersion) {
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
                .append("<title>Assay comparison</title>\n<style>\n").append(HtmlTables.resource("report.css"))
                .append("</style>\n</head>\n<body>\n<header class=\"top\"><h1>Assay comparison</h1><div class=\"sub\">")
                .append(c.runs().size()).append(" runs, baseline A · assay ").append(esc(toolVersion)).append("</div></header>\n<main>\n");
        b.append("<section><h2>Runs and executors</h2>").append(HtmlTables.table(runs(c), ""));
        b.append("<ul class=\"notes\">");
        executorLines(c).forEach(l -> b.append("<li>").append(esc(l.strip())).append("</li>"));
        b.append("</ul></section>\n");
        b.append("<section><h2>Summary</h2>").append(c.pairs().isEmpty() ? "<p class=\"note\">No comparable results.</p>"
                : HtmlTables.table(summary(c), "")).append("<pre>").append(esc(gateLine(c))).append("</pre></section>\n");
        for (String phase : List.of("inference", "training")) {
            List<Pair> ps = c.pairs().stream().filter(p -> p.key().phase().equals(phase)).toList();
            b.append("<section><h2>Comparable ").append(phase).append(" results (").append(ps.size()).append(")</h2>");
            if (ps.isEmpty()) {
                b.append("<p class=\"note\">None.</p>");
            }
            for (Pair p : ps) {
                boolean changed = p.deltas().stream().anyMatch(Delta::significant);
                b.append("<details").append(changed ? " open" : "").append("><summary>").append(esc(p.label()))
                        .append(" (A vs ").append(esc(c.runs().get(p.run()).label())).append(")")
                        .append(changed ? " — significant change" : "").append("</summary>");
                b.append(HtmlTables.table(pairTable(c, p), ""));
                if (!p.notes().isEmpty()) {
                    b.append("<ul class=\"notes\">");
                    p.notes().forEach(n -> b.append("<li>").append(esc(n)).append("</li>"));
                    b.append("</ul>");
                }
                b.append("</details>");
            }
            b.append("</section>\n");
        }
        b.append("<section><h2>Not comparable (").append(c.notComparable().size()).append(")</h2>")
                .append(c.notComparable().isEmpty() ? "<p class=\"note\">None.</p>" : HtmlTables.table(notComparable(c), ""))
                .append("</section>\n<section><h2>Rankings</h2><p class=\"note\">Training and inference are ranked separately; they may disagree.</p>");
        for (Table t : rankings(c)) {
            b.append(t.rows().isEmpty() ? "<p class=\"note\">" + esc(t.caption()) + "</p>" : HtmlTables.table(t, ""));
        }
        b.append("</section>\n</main>\n</body>\n</html>\n");
        return b.toString();
    }

    /** Machine-readable form (--json, compare.json); NaN becomes null. */
    public static String json(Comparison c) {
        ObjectNode root = Json.mapper().createObjectNode();
        ArrayNode runs = root.putArray("runs");
        c.runs().forEach(r -> runs.addObject().put("label", r.label()).put("dir", r.dir()).put("suite", r.suite())
                .put("fingerprint", r.fingerprint()).put("executor", r.executor()));
        ArrayNode ex = root.putArray("executors");
        c.executors().forEach(d -> {
            ObjectNode o = ex.addObject().put("run", c.runs().get(d.run()).label()).put("same_fingerprint", d.sameFingerprint())
                    .put("more_differences", d.truncated());
            ArrayNode diffs = o.putArray("differences");
            d.differences().forEach(diffs::add);
        });
        ArrayNode pairs = root.putArray("pairs");
        for (Pair p : c.pairs()) {
            ObjectNode o = pairs.addObject().put("phase", p.key().phase()).put("result", p.label())
                    .put("run", c.runs().get(p.run()).label()).put("gated", p.gated());
            ArrayNode notes = o.putArray("notes");
            p.notes().forEach(notes::add);
            ArrayNode ds = o.putArray("deltas");
            for (Delta d : p.deltas()) {
                ObjectNode x = ds.addObject().put("metric", d.metric()).put("stat", d.stat()).put("unit", d.unit());
                num(x, "a", d.a());
                num(x, "b", d.b());
                num(x, "delta_pct", d.deltaPct());
                num(x, "ci_low_pct", d.ciLowPct());
                num(x, "ci_high_pct", d.ciHighPct());
                num(x, "confidence", d.confidence());
                x.put("ci", d.ciNote()).put("direction", d.direction().name().toLowerCase(Locale.ROOT))
                        .put("significant", d.significant()).put("verdict", d.verdict());
            }
        }
        ArrayNode nc = root.putArray("not_comparable");
        c.notComparable().forEach(n -> {
            ObjectNode o = nc.addObject().put("result", n.label()).put("run", c.runs().get(n.run()).label())
                    .put("closest", n.partner());
            ArrayNode rs = o.putArray("reasons");
            n.reasons().forEach(rs::add);
        });
        ArrayNode rk = root.putArray("rankings");
        c.rankings().forEach(r -> {
            ObjectNode o = rk.addObject().put("phase", r.phase()).put("by", r.title()).put("better", r.better())
                    .put("results", r.results()).put("note", r.note());
            ArrayNode es = o.putArray("order");
            r.entries().forEach(e -> num(es.addObject().put("run", c.runs().get(e.run()).label()), "score", e.score()));
        });
        ArrayNode rg = root.putArray("regressions");
        c.regressions().forEach(r -> num(rg.addObject().put("run", c.runs().get(r.run()).label()).put("result", r.pair())
                .put("metric", r.delta().name()), "delta_pct", r.delta().deltaPct()));
        num(root, "fail_on_regression_pct", c.thresholdPct());
        root.put("exit_code", c.exitCode());
        return Json.pretty(root);
    }

    /**
     * Writes compare.html, compare.md and compare.json into {@code dir} (atomically each).
     *
     * @return the files written
     * @throws AssayException when the directory cannot be written
     */
    public static List<java.nio.file.Path> write(Comparison c, java.nio.file.Path dir, String toolVersion)
            throws dev.assay.api.AssayException {
        List<java.nio.file.Path> files = List.of(dir.resolve("compare.html"), dir.resolve("compare.md"), dir.resolve("compare.json"));
        List<String> content = List.of(html(c, toolVersion), markdown(c), json(c));
        try {
            for (int i = 0; i < files.size(); i++) {
                dev.assay.core.bundle.AtomicFiles.write(files.get(i), content.get(i));
            }
        } catch (java.io.IOException e) {
            throw dev.assay.api.AssayException.failure("cannot write the comparison into " + dir + ": " + e.getMessage(), e);
        }
        return files;
    }

    private static void num(ObjectNode o, String k, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            o.putNull(k);
        } else {
            o.put(k, v);
        }
    }
}
