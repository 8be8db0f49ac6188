package dev.assay.report.render;

import dev.assay.report.chart.Palette;
import dev.assay.report.chart.SvgChart;
import dev.assay.report.chart.SvgChart.Axis;
import dev.assay.report.chart.SvgChart.Mark;
import dev.assay.report.chart.SvgChart.Point;
import dev.assay.report.chart.SvgChart.Series;
import dev.assay.report.hlog.LatencyLog;
import dev.assay.report.model.Facts;
import dev.assay.report.model.MetricView;
import dev.assay.report.model.ResultView;
import dev.assay.report.model.RunView;
import dev.assay.report.model.Units;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * The report's charts, built from run.json and the .hlog files. Each method returns the chart
 * plus the notes a reader needs to interpret it (e.g. "drawn from summary percentiles: no .hlog").
 */
public final class Charts {
    private Charts() {
    }

    /**
     * A chart and what the reader must know about its data.
     *
     * @param chart the chart
     * @param notes caveats, in order
     */
    public record Figure(SvgChart chart, List<String> notes) {
        public Figure {
            notes = List.copyOf(notes);
        }
    }

    private static final List<String> TAGS = List.of("latency", "service_time", "issue_lag");

    /**
     * Latency percentile spectra of results that share everything but precision: one line per
     * precision; with a single result also its service time and issue lag, which show whether
     * latency came from queueing, the system, or the generator.
     */
    public static Optional<Figure> spectrum(RunView run, String id, String title, List<ResultView> results) {
        SvgChart.Builder b = SvgChart.builder(id, title);
        List<String> notes = new ArrayList<>();
        List<String> fromSummary = new ArrayList<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        List<Series> series = new ArrayList<>();
        boolean single = results.size() == 1;
        for (ResultView r : results) {
            if (!r.ran()) {
                continue;
            }
            String color = Palette.precision(r.precision());
            String name = r.precision().toUpperCase(Locale.ROOT);
            Map<String, Histogram> hists = new LinkedHashMap<>();
            double scale = Double.NaN;
            for (Facts.HlogRef ref : Facts.hlogs(run, r)) {
                LatencyLog log = LatencyLog.read(ref);
                if (!log.usable()) {
                    notes.add(name + ": " + log.problem());
                    continue;
                }
                if (Double.isNaN(log.msPerUnit())) {
                    notes.add(name + ": .hlog unit '" + log.unit() + "' is not a time unit; ignored");
                    continue;
                }
                scale = log.msPerUnit();
                for (String tag : TAGS) {
                    log.tag(tag).ifPresent(h -> hists.putIfAbsent(tag, h));
                }
                if (hists.isEmpty()) {
                    notes.add(name + ": " + ref.file().getFileName() + " has no latency tag (tags: " + log.byTag().keySet() + ")");
                }
                if (!hists.isEmpty()) {
                    // one file per result is enough unless it lacks the latency tag
                    if (hists.containsKey("latency")) {
                        break;
                    }
                }
            }
            if (hists.containsKey("latency")) {
                for (String tag : single ? TAGS : List.of("latency")) {
                    Histogram h = hists.get(tag);
                    if (h == null) {
                        continue;
                    }
                    List<Point> line = new ArrayList<>();
                    for (double[] p : LatencyLog.spectrum(h, scale)) {
                        line.add(Point.of(p[0], p[1]));
                        lo = Math.min(lo, p[1] > 0 ? p[1] : lo);
                        hi = Math.max(hi, p[1]);
                    }
                    boolean main = tag.equals("latency");
                    String sname = single ? tagLabel(tag) : name;
                    String scolor = single ? (main ? color : tag.equals("service_time") ? "#868e96" : "#e67700") : color;
                    series.add(new Series(sname, scolor, Mark.LINE, !main, line));
                    if (main) {
                        series.add(new Series("", scolor, Mark.POINTS, false, standardPoints(h, scale)));
                    }
                    if (line.isEmpty()) {
                        notes.add(name + ": empty histogram for " + tag);
                    }
                }
            } else {
                Optional<MetricView> m = Facts.latency(r);
                if (m.isPresent() && m.get() instanceof MetricView.Dist d && Units.isTime(d.unit())) {
                    List<Point> pts = new ArrayList<>();
                    String[] stats = {"p50", "p90", "p99", "p999"};
                    double[] nines = {SvgChart.nines(0.5), 1, 2, 3};
                    for (int i = 0; i < stats.length; i++) {
                        double ms = Units.toMillis(d.stat(stats[i]), d.unit());
                        if (Double.isFinite(ms) && (d.count() == 0 || nines[i] <= Math.log10(Math.max(1, d.count())) + 1e-9)) {
                            pts.add(new Point(nines[i], ms, stats[i] + " = " + Fmt.ms(ms), false));
                            lo = Math.min(lo, ms > 0 ? ms : lo);
                            hi = Math.max(hi, ms);
                        }
                    }
                    if (!pts.isEmpty()) {
                        series.add(new Series(name + " (summary)", color, Mark.LINE_POINTS, true, pts));
                        fromSummary.add(name);
                    }
                } else {
                    notes.add(name + ": no latency distribution in this result");
                }
            }
        }
        if (series.isEmpty()) {
            return Optional.empty();
        }
        if (!fromSummary.isEmpty()) {
            notes.add(String.join(", ", fromSummary) + ": dashed, drawn from the summary percentiles in run.json "
                    + "(no usable .hlog); percentiles beyond what the sample count supports are left out");
        }
        boolean log = hi > 0 && lo < Double.POSITIVE_INFINITY && hi / lo > 20;
        b.x(Axis.nines("percentile (nines scale)"));
        b.y(log ? Axis.log("latency from scheduled time (log)", Fmt::ms) : Axis.linear("latency from scheduled time", Fmt::ms));
        series.forEach(b::series);
        return Optional.of(new Figure(b.build(), notes));
    }

    private static String tagLabel(String tag) {
        return switch (tag) {
            case "latency" -> "latency (from scheduled)";
            case "service_time" -> "service time";
            case "issue_lag" -> "issue lag";
            default -> tag;
        };
    }

    private static List<Point> standardPoints(Histogram h, double msPerUnit) {
        List<Point> out = new ArrayList<>();
        long n = h.getTotalCount();
        double top = n > 1 ? Math.log10(n) : 0;
        String[] names = {"p50", "p90", "p99", "p99.9", "p99.99"};
        double[] ps = {0.5, 0.9, 0.99, 0.999, 0.9999};
        for (int i = 0; i < ps.length; i++) {
            double nines = SvgChart.nines(ps[i]);
            if (nines <= top + 1e-9) {
                double ms = h.getValueAtPercentile(100 * ps[i]) * msPerUnit;
                out.add(new Point(nines, ms, names[i] + " = " + Fmt.ms(ms), false));
            }
        }
        double max = h.getMaxValue() * msPerUnit;
        out.add(new Point(top, max, "max = " + Fmt.ms(max) + " (n=" + Fmt.num(n) + ")", false));
        return out;
    }

    /** Throughput against p99 latency over the probed rates, with the bound and the saturation point marked. */
    public static Optional<Figure> saturation(String id, ResultView r) {
        Optional<Facts.Saturation> so = Facts.saturation(r);
        if (so.isEmpty() || so.get().probes().isEmpty()) {
            return Optional.empty();
        }
        Facts.Saturation s = so.get();
        List<String> notes = new ArrayList<>();
        List<Point> p99 = new ArrayList<>();
        List<Point> p50 = new ArrayList<>();
        boolean usedRate = false;
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (Facts.Probe p : s.probes()) {
            double x = Double.isNaN(p.throughput()) ? p.rate() : p.throughput();
            usedRate |= Double.isNaN(p.throughput());
            String note = "scheduled " + Fmt.num(p.rate()) + " QPS, achieved " + Fmt.num(p.throughput()) + "/s, p50 "
                    + Fmt.ms(p.p50Ms()) + ", p99 " + Fmt.ms(p.p99Ms()) + (p.valid() ? "" : " (invalid / over bound)");
            p99.add(new Point(x, p.p99Ms(), note, !p.valid()));
            p50.add(new Point(x, p.p50Ms(), note, !p.valid()));
            for (double v : new double[] {p.p99Ms(), p.p50Ms()}) {
                if (v > 0) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (usedRate) {
            notes.add("some probes have no achieved throughput; their scheduled rate is used");
        }
        notes.add("open circles: probes that were invalid or over the bound");
        String title = r.workload() + " · " + r.precision().toUpperCase(Locale.ROOT) + " · " + r.backend()
                + " — throughput vs p99 latency";
        SvgChart.Builder b = SvgChart.builder(id, title)
                .x(Axis.linear("achieved throughput (queries/s)", Fmt::num))
                .y(hi / lo > 10 ? Axis.log("latency (log)", Fmt::ms) : Axis.linear("latency", Fmt::ms))
                .series(new Series("p99 latency", Palette.precision(r.precision()), Mark.LINE_POINTS, false, p99))
                .series(new Series("p50 latency", "#868e96", Mark.LINE_POINTS, true, p50));
        if (!Double.isNaN(s.boundMs())) {
            b.rule(new SvgChart.Rule(false, s.boundMs(), "p" + Fmt.num(Double.isNaN(s.percentile()) ? 99 : s.percentile())
                    + " bound " + Fmt.ms(s.boundMs()), Palette.accent()));
        }
        if (!Double.isNaN(s.peakQps())) {
            Facts.Probe at = s.probes().stream().filter(Facts.Probe::valid)
                    .min((a, c) -> Double.compare(Math.abs(a.rate() - s.peakQps()), Math.abs(c.rate() - s.peakQps())))
                    .orElse(null);
            if (at != null) {
                double x = Double.isNaN(at.throughput()) ? at.rate() : at.throughput();
                b.callout(new SvgChart.Callout(x, at.p99Ms(), "saturation: " + Fmt.num(s.peakQps()) + " QPS"));
            } else {
                notes.add("the saturation rate has no valid probe to mark");
            }
        } else {
            notes.add("no probed rate met the bound: no saturation point");
        }
        return Optional.of(new Figure(b.build(), notes));
    }

    /** Log-log roofline: bandwidth slope, per-precision ceilings, each result's achieved point. */
    public static Optional<Figure> roofline(String id, RunView run) {
        double bw = Facts.bandwidth(run);
        List<Facts.Ceiling> ceilings = Facts.ceilings(run);
        List<ResultView> placed = run.results().stream()
                .filter(r -> Facts.roofline(r).map(p -> p.intensity() > 0 && p.achieved() > 0).orElse(false)).toList();
        if (placed.isEmpty() && (Double.isNaN(bw) || ceilings.isEmpty())) {
            return Optional.empty();
        }
        List<String> notes = new ArrayList<>();
        double xmin = Double.POSITIVE_INFINITY;
        double xmax = 0;
        for (ResultView r : placed) {
            double ai = Facts.roofline(r).get().intensity();
            xmin = Math.min(xmin, ai);
            xmax = Math.max(xmax, ai);
        }
        if (!Double.isNaN(bw)) {
            for (Facts.Ceiling c : ceilings) {
                double ridge = c.gflops() / bw;
                xmin = Math.min(xmin, ridge);
                xmax = Math.max(xmax, ridge);
            }
        }
        xmin = Math.pow(10, Math.floor(Math.log10(xmin)) - (xmin == xmax ? 1 : 0));
        xmax = Math.pow(10, Math.ceil(Math.log10(xmax)) + (xmin == xmax ? 1 : 0));
        SvgChart.Builder b = SvgChart.builder(id, "Roofline: measured ceilings and achieved performance")
                .x(Axis.log("arithmetic intensity (FLOP/byte)", Fmt::num))
                .y(Axis.log("GFLOP/s (GOP/s for integer)", Fmt::num));
        if (!Double.isNaN(bw)) {
            // One bandwidth slope up to the highest ridge; each precision's ceiling runs flat from its ridge point.
            double top = ceilings.stream().mapToDouble(Facts.Ceiling::gflops).max().orElse(bw * xmax);
            b.series(new Series("memory bandwidth " + Fmt.num(bw) + " GB/s", "#343a40", Mark.LINE, true,
                    List.of(Point.of(xmin, bw * xmin), Point.of(top / bw, top))));
            for (Facts.Ceiling c : ceilings.stream().sorted(java.util.Comparator.comparingInt(c -> Sections.precisionRank(c.precision()))).toList()) {
                double ridge = c.gflops() / bw;
                String unit = c.precision().startsWith("int") ? " GOP/s" : " GFLOP/s";
                b.series(new Series(c.precision().toUpperCase(Locale.ROOT) + " peak " + Fmt.num(c.gflops()) + unit,
                        Palette.precision(c.precision()), Mark.LINE, false,
                        List.of(Point.of(Math.max(xmin, ridge), c.gflops()), Point.of(xmax, c.gflops()))));
            }
        } else {
            notes.add("no measured bandwidth in run.json: roofs not drawn, points only");
        }
        Map<String, List<Point>> byPrecision = new LinkedHashMap<>();
        for (ResultView r : placed.stream().sorted(java.util.Comparator.comparingInt(r -> Sections.precisionRank(r.precision()))).toList()) {
            Facts.RooflinePoint p = Facts.roofline(r).get();
            byPrecision.computeIfAbsent(r.precision(), k -> new ArrayList<>()).add(new Point(p.intensity(), p.achieved(),
                    r.label() + " — AI " + Fmt.num(p.intensity()) + ", " + Fmt.num(p.achieved()) + " GFLOP/s ("
                            + Fmt.pct(p.fraction()) + " of attainable)", r.isTraining()));
        }
        byPrecision.forEach((prec, pts) -> b.series(new Series(prec.toUpperCase(Locale.ROOT) + " results",
                Palette.precision(prec), Mark.POINTS, false, pts)));
        if (placed.stream().anyMatch(ResultView::isTraining)) {
            notes.add("open circles: training results");
        }
        if (Facts.ceilings(run).isEmpty()) {
            notes.add("no measured compute ceilings in run.json");
        }
        return Optional.of(new Figure(b.build(), notes));
    }

    /** Loss and test accuracy against wall time for one training result. */
    public static List<Figure> trainingCurves(String id, ResultView r) {
        List<Facts.CurvePoint> curve = Facts.curve(r);
        List<Figure> out = new ArrayList<>();
        if (curve.isEmpty()) {
            return out;
        }
        String base = r.workload() + " · " + r.precision().toUpperCase(Locale.ROOT) + " · " + r.backend();
        List<Point> loss = new ArrayList<>();
        List<Point> acc = new ArrayList<>();
        for (Facts.CurvePoint p : curve) {
            String note = "t=" + Fmt.num(p.wallS()) + " s" + (p.step() >= 0 ? ", step " + p.step() : "");
            if (!Double.isNaN(p.loss())) {
                loss.add(new Point(p.wallS(), p.loss(), note + ", loss " + Fmt.num(p.loss()), false));
            }
            if (!Double.isNaN(p.accuracy())) {
                acc.add(new Point(p.wallS(), p.accuracy() * 100, note + ", test accuracy " + Fmt.pct(p.accuracy()), false));
            }
        }
        String color = Palette.precision(r.precision());
        if (!loss.isEmpty()) {
            out.add(new Figure(SvgChart.builder(id + "-loss", base + " — training loss")
                    .x(Axis.linear("wall time (s)", Fmt::num)).y(Axis.linear("loss", Fmt::num))
                    .series(new Series("training loss", color, Mark.LINE_POINTS, false, loss)).build(), List.of()));
        }
        if (!acc.isEmpty()) {
            List<String> notes = new ArrayList<>();
            SvgChart.Builder b = SvgChart.builder(id + "-acc", base + " — test accuracy")
                    .x(Axis.linear("wall time (s)", Fmt::num)).y(Axis.linear("test accuracy (%)", Fmt::num))
                    .series(new Series("test accuracy", color, Mark.LINE_POINTS, false, acc));
            double target = Facts.qualityTarget(r);
            if (!Double.isNaN(target)) {
                b.rule(new SvgChart.Rule(false, target * 100, "target " + Fmt.pct(target), Palette.accent()));
                curve.stream().filter(p -> p.accuracy() >= target).findFirst().ifPresentOrElse(
                        p -> b.callout(new SvgChart.Callout(p.wallS(), p.accuracy() * 100,
                                "target reached at " + Fmt.num(p.wallS()) + " s")),
                        () -> notes.add("this curve never reaches the target"));
            }
            out.add(new Figure(b.build(), notes));
        }
        return out;
    }
}
