package dev.assay.report.render;

import dev.assay.report.model.Facts;
import dev.assay.report.model.MetricView;
import dev.assay.report.model.ResultView;
import dev.assay.report.model.RunView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * results.csv: one row per result, raw numbers (no rounding, no unit conversion; units in their
 * own columns), RFC 4180 quoting. Text cells that a spreadsheet would execute as a formula
 * (starting with = + - @) are prefixed with an apostrophe.
 */
public final class CsvExport {
    /** Column names, in order. */
    public static final List<String> COLUMNS = List.of("phase", "workload", "backend", "precision", "batch", "seq_len",
            "scenario", "settings", "verdict", "throughput", "throughput_unit", "throughput_ci_low", "throughput_ci_high",
            "latency_unit", "p50", "p90", "p99", "p999", "max", "mean", "count", "speedup_vs_fp32", "capability",
            "roofline_bound", "arithmetic_intensity", "achieved_fraction", "energy_j_per_unit", "energy_unit",
            "energy_note", "step_time_unit", "step_time_p50", "step_time_p99", "tokens_per_s", "mfu",
            "time_to_quality", "time_to_quality_unit", "peak_memory_bytes", "not_measured");

    private CsvExport() {
    }

    /** Renders results.csv. */
    public static String render(RunView run) {
        StringBuilder b = new StringBuilder();
        b.append(String.join(",", COLUMNS)).append("\r\n");
        for (ResultView r : run.results()) {
            List<String> row = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            row.add(text(r.phase()));
            row.add(text(r.workload()));
            row.add(text(r.backend()));
            row.add(text(r.precision()));
            row.add(Integer.toString(r.batch()));
            row.add(Integer.toString(r.seqLen()));
            row.add(text(r.scenario()));
            row.add(text(Sections.operatingPoint(r)));
            row.add(text(r.verdict()));
            Optional<MetricView> tp = Facts.throughput(r);
            row.add(num(Facts.scalar(tp)));
            row.add(text(tp.map(MetricView::unit).orElse("")));
            row.add(tp.isPresent() && tp.get() instanceof MetricView.Est e ? num(e.ciLow()) : "");
            row.add(tp.isPresent() && tp.get() instanceof MetricView.Est e ? num(e.ciHigh()) : "");
            noteMissing("throughput", tp, missing);
            Optional<MetricView> lat = Facts.latency(r);
            if (lat.isPresent() && lat.get() instanceof MetricView.Dist d) {
                row.add(text(d.unit()));
                for (String s : List.of("p50", "p90", "p99", "p999", "max", "mean")) {
                    row.add(num(d.stat(s)));
                }
                row.add(Long.toString(d.count()));
            } else {
                noteMissing("latency", lat, missing);
                for (int i = 0; i < 8; i++) {
                    row.add("");
                }
            }
            Facts.Speedup sp = Facts.speedup(run, r);
            row.add(num(sp.ratio()));
            row.add(text(Facts.capability(run, r).map(Facts.Capability::verdict).orElse("")));
            Optional<Facts.RooflinePoint> rf = Facts.roofline(r);
            row.add(text(rf.map(Facts.RooflinePoint::bound).orElse("")));
            row.add(num(rf.map(Facts.RooflinePoint::intensity).orElse(Double.NaN)));
            row.add(num(rf.map(Facts.RooflinePoint::fraction).orElse(Double.NaN)));
            Facts.Energy e = Facts.energy(r);
            row.add(num(e.perUnitJ()));
            row.add(Double.isNaN(e.perUnitJ()) ? "" : text("J/" + e.perWhat()));
            row.add(text(e.measured() ? String.join("; ", e.source(), e.boundary()) : "not measured: " + e.reason()));
            Optional<MetricView> step = r.metric("step_time");
            if (step.isPresent() && step.get() instanceof MetricView.Dist d) {
                row.add(text(d.unit()));
                row.add(num(d.p50()));
                row.add(num(d.p99()));
            } else {
                row.add("");
                row.add("");
                row.add("");
            }
            Optional<MetricView> tok = r.metric("tokens_per_s", "tokens_per_second");
            row.add(num(Facts.scalar(tok)));
            Optional<MetricView> mfu = r.metric("mfu");
            row.add(num(Facts.scalar(mfu)));
            Optional<MetricView> ttq = r.metric("time_to_quality", "ttq");
            row.add(num(Facts.scalar(ttq)));
            row.add(text(ttq.map(MetricView::unit).orElse("")));
            row.add(num(Facts.peakMemoryBytes(r)));
            if (r.isTraining()) {
                noteMissing("step_time", step, missing);
                noteMissing("tokens_per_s", tok, missing);
                noteMissing("mfu", mfu, missing);
                noteMissing("time_to_quality", ttq, missing);
            }
            if (!r.ran()) {
                missing.add(0, Sections.notRunText(r));
            }
            row.add(text(String.join("; ", missing)));
            b.append(String.join(",", row)).append("\r\n");
        }
        return b.toString();
    }

    private static void noteMissing(String name, Optional<MetricView> m, List<String> missing) {
        if (m.isPresent() && m.get() instanceof MetricView.Missing x) {
            missing.add(name + ": " + x.reason());
        }
    }

    private static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /** Quotes a text cell per RFC 4180 and defuses spreadsheet formulas. */
    static String text(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        String t = s;
        char c0 = t.charAt(0);
        if (c0 == '=' || c0 == '+' || c0 == '-' || c0 == '@' || c0 == '\t' || c0 == '\r') {
            t = "'" + t;
        }
        if (t.indexOf(',') >= 0 || t.indexOf('"') >= 0 || t.indexOf('\n') >= 0 || t.indexOf('\r') >= 0) {
            return '"' + t.replace("\"", "\"\"") + '"';
        }
        return t;
    }
}
