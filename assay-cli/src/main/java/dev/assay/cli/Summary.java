package dev.assay.cli;

import dev.assay.api.Phase;
import dev.assay.api.result.Check;
import dev.assay.api.result.Metric;
import dev.assay.api.result.Result;
import dev.assay.api.result.Validity;
import dev.assay.core.bundle.RunBundle;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The terminal summary of a run: inference and training in separate tables (never one
 * score), then every verdict that is not VALID with its recommendation.
 */
final class Summary {
    private Summary() {
    }

    static void print(RunBundle bundle, PrintStream out) {
        out.println();
        out.println("Assay " + bundle.suite() + " suite: " + bundle.status()
                + (bundle.statusDetail() == null ? "" : " (" + bundle.statusDetail() + ")"));
        if (bundle.executor() != null) {
            var cpu = bundle.executor().host().cpu();
            out.println("executor: " + cpu.model() + ", " + cpu.cores() + " cores/" + cpu.threads() + " threads; GPUs: "
                    + (bundle.executor().gpus().isEmpty() ? bundle.executor().gpuStatus() : bundle.executor().gpus().size())
                    + "; fingerprint " + shortFp(bundle.executor().fingerprint()));
        }
        List<Result> inference = bundle.results().stream().filter(r -> r.phase() == Phase.INFERENCE).toList();
        List<Result> training = bundle.results().stream().filter(r -> r.phase() == Phase.TRAINING).toList();
        if (!inference.isEmpty()) {
            out.println();
            out.println("Inference (latency measured from the scheduled time; HdrHistogram nearest-rank percentiles)");
            Table t = new Table("workload", "backend", "prec", "batch", "seq", "scenario", "throughput", "p50", "p90", "p99",
                    "verdict");
            for (Result r : inference) {
                // Offline issues everything at t=0: its "latency" is queue position, not a service
                // level, so the table shows only its headline, throughput (run.json keeps all).
                Metric lat = r.scenario().equals("offline") ? null : r.metrics().get("latency");
                t.row(r.workload(), r.backend(), r.precision(), Integer.toString(r.batch()),
                        r.seqLen() > 0 ? Integer.toString(r.seqLen()) : "-", r.scenario(),
                        value(r.metrics().get("throughput")), pct(lat, 50), pct(lat, 90), pct(lat, 99), verdict(r));
            }
            t.print(out);
        }
        if (!training.isEmpty()) {
            out.println();
            out.println("Training (separate workload, separate metrics)");
            Table t = new Table("workload", "backend", "prec", "batch", "step p50", "samples/s", "tokens/s", "MFU",
                    "time-to-quality", "verdict");
            for (Result r : training) {
                t.row(r.workload(), r.backend(), r.precision(), Integer.toString(r.batch()),
                        pct(r.metrics().get("step_time"), 50), value(r.metrics().get("samples_per_s")),
                        value(r.metrics().get("tokens_per_s")), value(r.metrics().get("mfu")),
                        value(r.metrics().get("time_to_quality")), verdict(r));
            }
            t.print(out);
        }
        List<String> problems = new ArrayList<>();
        for (Result r : bundle.results()) {
            for (Check c : r.validity().checks()) {
                if (!c.passed()) {
                    problems.add(r.workload() + " " + r.precision() + " b" + r.batch() + " " + r.scenario() + ": "
                            + c.name() + ": " + c.detail() + (c.recommendation() == null ? "" : " -> " + c.recommendation()));
                }
            }
        }
        if (!problems.isEmpty()) {
            out.println();
            out.println("Verdicts that need attention:");
            problems.forEach(p -> out.println("  - " + p));
        }
        if (!bundle.warnings().isEmpty()) {
            out.println();
            out.println("Warnings:");
            bundle.warnings().forEach(w -> out.println("  - " + w));
        }
    }

    private static String shortFp(String fp) {
        return fp == null ? "none" : fp.substring(0, Math.min(12, fp.length()));
    }

    private static String verdict(Result r) {
        return r.validity().verdict() == Validity.Verdict.VALID ? "VALID" : r.validity().verdict().name();
    }

    static String value(Metric m) {
        return switch (m) {
            case null -> "-";
            case Metric.Value v -> number(v.value()) + " " + v.unit();
            case Metric.Estimate e -> number(e.value()) + " " + e.unit() + " [" + number(e.ciLow()) + ", "
                    + number(e.ciHigh()) + "]";
            case Metric.Distribution d -> number(d.p50()) + " " + d.unit() + " (p50)";
            case Metric.NotMeasured n -> "not measured";
        };
    }

    private static String pct(Metric m, int p) {
        if (!(m instanceof Metric.Distribution d)) {
            return "-";
        }
        double v = switch (p) {
            case 50 -> d.p50();
            case 90 -> d.p90();
            default -> d.p99();
        };
        return number(v) + " " + d.unit();
    }

    static String number(double v) {
        double a = Math.abs(v);
        if (a >= 10_000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /** Left-aligned plain-text table sized to its content. */
    static final class Table {
        private final List<String[]> rows = new ArrayList<>();

        Table(String... header) {
            rows.add(header);
        }

        void row(String... cells) {
            rows.add(cells);
        }

        void print(PrintStream out) {
            int[] w = new int[rows.getFirst().length];
            for (String[] r : rows) {
                for (int i = 0; i < r.length; i++) {
                    w[i] = Math.max(w[i], r[i].length());
                }
            }
            for (String[] r : rows) {
                StringBuilder sb = new StringBuilder("  ");
                for (int i = 0; i < r.length; i++) {
                    sb.append(String.format("%-" + w[i] + "s", r[i]));
                    if (i < r.length - 1) {
                        sb.append("  ");
                    }
                }
                out.println(sb.toString().stripTrailing());
            }
        }
    }
}
