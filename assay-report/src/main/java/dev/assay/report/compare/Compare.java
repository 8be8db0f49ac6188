package dev.assay.report.compare;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.api.AssayException;
import dev.assay.report.compare.Comparison.Delta;
import dev.assay.report.compare.Comparison.ExecutorDiff;
import dev.assay.report.compare.Comparison.NotComparable;
import dev.assay.report.compare.Comparison.Pair;
import dev.assay.report.compare.Comparison.Ranking;
import dev.assay.report.compare.Comparison.Regression;
import dev.assay.report.compare.Comparison.RunRef;
import dev.assay.report.model.Facts;
import dev.assay.report.model.MetricView;
import dev.assay.report.model.Nodes;
import dev.assay.report.model.ResultView;
import dev.assay.report.model.RunView;
import dev.assay.report.model.Units;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Compares runs: the first is the baseline, each other run is paired with it result by result.
 * See docs/reports.md for the rules; the short form: same phase, workload, precision, batch,
 * sequence length, scenario and operating-point settings, or the pair is NOT COMPARABLE with
 * the reason; a backend difference is an executor difference and is noted, not refused.
 */
public final class Compare {
    private static final int MAX_EXECUTOR_DIFFS = 25;

    private Compare() {
    }

    /**
     * Loads and compares run directories.
     *
     * @param dirs         two or more run directories, baseline first
     * @param thresholdPct --fail-on-regression percentage, NaN for no gating
     * @throws AssayException bad input for fewer than two runs, a missing run, or a negative threshold
     */
    public static Comparison compare(List<Path> dirs, double thresholdPct) throws AssayException {
        if (dirs.size() < 2) {
            throw AssayException.badInput("compare needs at least two run directories, got " + dirs.size());
        }
        if (!Double.isNaN(thresholdPct) && (thresholdPct < 0 || Double.isInfinite(thresholdPct))) {
            throw AssayException.badInput("--fail-on-regression must be a percentage >= 0, was " + thresholdPct);
        }
        List<RunView> runs = new ArrayList<>();
        for (Path p : dirs) {
            runs.add(RunView.load(p));
        }
        return compareRuns(runs, thresholdPct);
    }

    /** Compares loaded runs (baseline first). */
    public static Comparison compareRuns(List<RunView> runs, double thresholdPct) {
        Intervals ci = new Intervals();
        List<RunRef> refs = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            RunView r = runs.get(i);
            refs.add(new RunRef(label(i), r.dir().toString(), r.suite(), r.fingerprint(), executorSummary(r)));
        }
        RunView base = runs.get(0);
        List<ExecutorDiff> execs = new ArrayList<>();
        List<Pair> pairs = new ArrayList<>();
        List<NotComparable> refused = new ArrayList<>();
        for (int i = 1; i < runs.size(); i++) {
            RunView other = runs.get(i);
            execs.add(executorDiff(i, base, other));
            pairRuns(ci, base, other, i, pairs, refused);
        }
        List<Ranking> rankings = rankings(runs, pairs);
        List<Regression> regressions = new ArrayList<>();
        if (!Double.isNaN(thresholdPct)) {
            for (Pair p : pairs) {
                if (!p.gated()) {
                    continue;
                }
                for (Delta d : p.deltas()) {
                    if (d.worse() && Math.abs(d.deltaPct()) > thresholdPct) {
                        regressions.add(new Regression(p.label(), p.run(), d));
                    }
                }
            }
        }
        return new Comparison(refs, execs, pairs, refused, rankings, regressions, thresholdPct);
    }

    /** "A", "B", ..., "Z", "AA"... */
    public static String label(int i) {
        return i < 26 ? String.valueOf((char) ('A' + i)) : label(i / 26 - 1) + (char) ('A' + i % 26);
    }

    // ---- pairing ------------------------------------------------------------------------

    private static void pairRuns(Intervals ci, RunView a, RunView b, int runIndex, List<Pair> pairs,
                                 List<NotComparable> refused) {
        List<ResultView> restA = new ArrayList<>(a.results());
        List<ResultView> restB = new ArrayList<>(b.results());
        Map<ResultView, ResultView> matched = new LinkedHashMap<>();
        // 1. identical keys
        for (ResultView ra : a.results()) {
            ResultKey ka = ResultKey.of(ra);
            restB.stream().filter(rb -> ResultKey.of(rb).equals(ka)).findFirst().ifPresent(rb -> {
                matched.put(ra, rb);
                restA.remove(ra);
                restB.remove(rb);
            });
        }
        // 2. same except backend: the backend is part of the executor being compared
        for (ResultView ra : List.copyOf(restA)) {
            ResultKey ka = ResultKey.of(ra);
            restB.stream().filter(rb -> ResultKey.of(rb).sameExceptBackend(ka)).findFirst().ifPresent(rb -> {
                matched.put(ra, rb);
                restA.remove(ra);
                restB.remove(rb);
            });
        }
        for (ResultView ra : a.results()) {
            ResultView rb = matched.get(ra);
            if (rb == null) {
                continue;
            }
            if (!ra.ran() || !rb.ran()) {
                List<String> why = new ArrayList<>();
                if (!ra.ran()) {
                    why.add("no measurement in A: " + ra.verdict());
                }
                if (!rb.ran()) {
                    why.add("no measurement in " + label(runIndex) + ": " + rb.verdict());
                }
                refused.add(new NotComparable(ra.label(), runIndex, rb.label(), why));
                continue;
            }
            pairs.add(pair(ci, a, ra, b, rb, runIndex));
        }
        // 3. leftovers: name the closest result of the other run and say why it is not comparable
        Set<ResultView> described = new HashSet<>();
        for (ResultView rb : restB) {
            ResultKey kb = ResultKey.of(rb);
            Optional<ResultView> closest = a.results().stream()
                    .filter(ra -> ra.phase().equals(rb.phase()) && ra.workload().equals(rb.workload()))
                    .min(Comparator.comparingInt((ResultView ra) -> restA.contains(ra) ? 0 : 1)
                            .thenComparingInt(ra -> ResultKey.of(ra).differences(kb).size()));
            if (closest.isPresent()) {
                described.add(closest.get());
                refused.add(new NotComparable(rb.label(), runIndex, closest.get().label(),
                        ResultKey.of(closest.get()).differences(kb)));
            } else {
                refused.add(new NotComparable(rb.label(), runIndex, "",
                        List.of("only in " + label(runIndex) + ": run A has no " + rb.phase() + " result for " + rb.workload())));
            }
        }
        for (ResultView ra : restA) {
            if (!described.contains(ra)) {
                refused.add(new NotComparable(ra.label(), 0, "", List.of("only in A: not in run " + label(runIndex))));
            }
        }
    }

    private static Pair pair(Intervals ci, RunView a, ResultView ra, RunView b, ResultView rb, int runIndex) {
        List<String> notes = new ArrayList<>();
        if (!ra.backend().equals(rb.backend())) {
            notes.add("backend differs: " + ra.backend() + " vs " + rb.backend() + " (an executor difference)");
        }
        Map<String, String> lenA = runLength(ra.settings());
        Map<String, String> lenB = runLength(rb.settings());
        if (!lenA.equals(lenB)) {
            TreeSet<String> keys = new TreeSet<>(lenA.keySet());
            keys.addAll(lenB.keySet());
            for (String k : keys) {
                if (!java.util.Objects.equals(lenA.get(k), lenB.get(k))) {
                    notes.add("run-length setting " + k + " differs: " + lenA.getOrDefault(k, "unset") + " vs "
                            + lenB.getOrDefault(k, "unset"));
                }
            }
        }
        boolean gated = ra.verdict().equals("VALID") && rb.verdict().equals("VALID");
        if (!gated) {
            notes.add("verdicts " + ra.verdict() + " vs " + rb.verdict()
                    + ": shown, but not used for rankings or --fail-on-regression");
        }
        List<Delta> deltas = new ArrayList<>();
        for (var e : ra.metrics().entrySet()) {
            String name = e.getKey();
            MetricView ma = e.getValue();
            Optional<MetricView> mbo = rb.metric(name);
            if (mbo.isEmpty()) {
                notes.add(name + ": not in " + label(runIndex));
                continue;
            }
            MetricView mb = mbo.get();
            if (ma instanceof MetricView.Missing || mb instanceof MetricView.Missing) {
                if (!(ma instanceof MetricView.Missing && mb instanceof MetricView.Missing)) {
                    notes.add(name + ": not measured in " + (ma instanceof MetricView.Missing ? "A" : label(runIndex)));
                }
                continue;
            }
            double scale = unitScale(ma.unit(), mb.unit());
            if (Double.isNaN(scale)) {
                notes.add(name + ": units differ (" + ma.unit() + " vs " + mb.unit() + "), not compared");
                continue;
            }
            if (ma instanceof MetricView.Dist da && mb instanceof MetricView.Dist db) {
                List<String> stats = name.toLowerCase(java.util.Locale.ROOT).contains("latency")
                        ? List.of("p50", "p90", "p99", "p999") : List.of("p50", "p99");
                for (String s : stats) {
                    double va = da.stat(s);
                    double vb = db.stat(s) * scale;
                    if (Double.isNaN(va) || Double.isNaN(vb)) {
                        continue;
                    }
                    deltas.add(delta(name, s, ma.unit(), va, vb, ci.of(a, ra, name, ma, s), scaled(ci.of(b, rb, name, mb, s), scale)));
                }
            } else if (!(ma instanceof MetricView.Dist) && !(mb instanceof MetricView.Dist)) {
                double va = Facts.scalar(ma);
                double vb = Facts.scalar(mb) * scale;
                deltas.add(delta(name, "value", ma.unit(), va, vb, ci.of(a, ra, name, ma, "value"),
                        scaled(ci.of(b, rb, name, mb, "value"), scale)));
            } else {
                notes.add(name + ": a distribution in one run and a single value in the other, not compared");
            }
        }
        return new Pair(ra.label(), runIndex, ResultKey.of(ra), gated, notes, deltas);
    }

    private static Map<String, String> runLength(JsonNode settings) {
        Map<String, String> out = new TreeMap<>();
        if (settings != null && settings.isObject()) {
            settings.properties().forEach(e -> {
                if (Facts.isRunLengthKey(e.getKey())) {
                    out.put(e.getKey(), e.getValue().asText());
                }
            });
        }
        return out;
    }

    /** Factor converting b's unit into a's: 1 for equal units, a time conversion, NaN when incompatible. */
    private static double unitScale(String ua, String ub) {
        if (ua.equals(ub)) {
            return 1;
        }
        if (Units.isTime(ua) && Units.isTime(ub)) {
            return Units.nanosPer(ub) / Units.nanosPer(ua);
        }
        return Double.NaN;
    }

    private static Intervals.Ci scaled(Intervals.Ci c, double scale) {
        if (c.interval().isEmpty() || scale == 1) {
            return c;
        }
        Interval i = c.interval().get();
        return new Intervals.Ci(Optional.of(new Interval(i.low() * scale, i.high() * scale, i.confidence(), i.method())), "");
    }

    /**
     * The delta and its CI. With per-value intervals [la, ha] and [lb, hb] of positive values,
     * the ratio b/a lies in [lb/ha, hb/la] whenever both intervals hold, which by Bonferroni is
     * at least 1 - (1-ca) - (1-cb) of the time.
     */
    static Delta delta(String metric, String stat, String unit, double a, double b, Intervals.Ci ca, Intervals.Ci cb) {
        Direction dir = Direction.of(metric);
        double pct = a == 0 ? Double.NaN : (b / a - 1) * 100;
        if (ca.interval().isEmpty() || cb.interval().isEmpty()) {
            String why = ca.interval().isEmpty() && cb.interval().isEmpty() && ca.reason().equals(cb.reason())
                    ? ca.reason()
                    : (ca.interval().isEmpty() ? "A: " + ca.reason() : "") + (ca.interval().isEmpty() && cb.interval().isEmpty() ? "; " : "")
                    + (cb.interval().isEmpty() ? "other: " + cb.reason() : "");
            return new Delta(metric, stat, unit, a, b, pct, Double.NaN, Double.NaN, Double.NaN, "no CI: " + why, dir, false,
                    "no CI: " + why);
        }
        Interval ia = ca.interval().get();
        Interval ib = cb.interval().get();
        if (ia.low() <= 0 || ib.low() < 0) {
            return new Delta(metric, stat, unit, a, b, pct, Double.NaN, Double.NaN, Double.NaN,
                    "no CI: interval reaches zero", dir, false, "no CI: interval reaches zero");
        }
        double lo = (ib.low() / ia.high() - 1) * 100;
        double hi = (ib.high() / ia.low() - 1) * 100;
        double conf = Math.max(0, 1 - (1 - ia.confidence()) - (1 - ib.confidence()));
        boolean significant = lo > 0 || hi < 0;
        String method = ia.method().equals(ib.method()) ? ia.method() : ia.method() + " / " + ib.method();
        String verdict;
        if (!significant) {
            verdict = "no significant change";
        } else if (dir == Direction.UNKNOWN) {
            verdict = "changed (direction unknown)";
        } else {
            boolean better = dir == Direction.HIGHER_IS_BETTER ? pct > 0 : pct < 0;
            verdict = better ? "better" : "worse";
        }
        return new Delta(metric, stat, unit, a, b, pct, lo, hi, conf, method, dir, significant, verdict);
    }

    // ---- executors ----------------------------------------------------------------------

    /** One line describing an executor: CPU, GPUs, backends. */
    public static String executorSummary(RunView r) {
        JsonNode ex = r.executor();
        if (!Nodes.present(ex)) {
            return "executor not in this run";
        }
        List<String> parts = new ArrayList<>();
        parts.add(Nodes.text(Nodes.path(ex, "host", "cpu", "model")).orElse("unknown CPU")
                + Nodes.number(Nodes.path(ex, "host", "cpu", "threads")).stream().mapToObj(t -> " (" + (int) t + " threads)")
                .findFirst().orElse(""));
        List<String> gpus = new ArrayList<>();
        Nodes.elements(Nodes.field(ex, "gpus")).forEach(g -> gpus.add(Nodes.text(g, "name").orElse("GPU")));
        if (!gpus.isEmpty()) {
            parts.add(String.join(", ", gpus));
        }
        List<String> backends = new ArrayList<>();
        Nodes.elements(Nodes.field(ex, "backends")).forEach(b -> backends.add(Nodes.text(b, "runtime").orElse("?") + " "
                + Nodes.text(b, "version").orElse("")));
        if (!backends.isEmpty()) {
            parts.add(String.join(", ", backends).trim());
        }
        return String.join(" · ", parts);
    }

    static ExecutorDiff executorDiff(int run, RunView a, RunView b) {
        boolean same = !a.fingerprint().isEmpty() && a.fingerprint().equals(b.fingerprint());
        Map<String, String> fa = new TreeMap<>();
        Map<String, String> fb = new TreeMap<>();
        flatten("", a.executor(), fa);
        flatten("", b.executor(), fb);
        TreeSet<String> keys = new TreeSet<>(fa.keySet());
        keys.addAll(fb.keySet());
        List<String> diffs = new ArrayList<>();
        for (String k : keys) {
            if (k.equals("fingerprint") || k.startsWith("fingerprintFields")) {
                continue;
            }
            String va = fa.get(k);
            String vb = fb.get(k);
            if (!java.util.Objects.equals(va, vb)) {
                diffs.add(k + ": " + (va == null ? "absent" : va) + " vs " + (vb == null ? "absent" : vb));
            }
        }
        int extra = Math.max(0, diffs.size() - MAX_EXECUTOR_DIFFS);
        return new ExecutorDiff(run, same, diffs.subList(0, Math.min(diffs.size(), MAX_EXECUTOR_DIFFS)), extra);
    }

    /** Flattens JSON into path → value; arrays of scalars become one sorted, joined value. */
    private static void flatten(String prefix, JsonNode n, Map<String, String> out) {
        if (!Nodes.present(n)) {
            return;
        }
        if (n.isObject()) {
            n.properties().forEach(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out));
        } else if (n.isArray()) {
            boolean scalars = true;
            for (JsonNode e : n) {
                scalars &= e.isValueNode();
            }
            if (scalars) {
                TreeSet<String> vals = new TreeSet<>();
                n.forEach(e -> vals.add(e.asText()));
                out.put(prefix, String.join(",", vals));
            } else {
                for (int i = 0; i < n.size(); i++) {
                    JsonNode e = n.get(i);
                    // backends and GPUs are named by their id rather than position, so order does not matter
                    String id = Nodes.text(e, "backend", "uuid", "name").orElse(Integer.toString(i));
                    flatten(prefix + "[" + id + "]", e, out);
                }
            }
        } else {
            out.put(prefix, n.asText());
        }
    }

    // ---- rankings -----------------------------------------------------------------------

    private static List<Ranking> rankings(List<RunView> runs, List<Pair> pairs) {
        List<Ranking> out = new ArrayList<>();
        out.add(rank(runs, pairs, ResultView.INFERENCE, "throughput", "higher", Compare::throughput));
        out.add(rank(runs, pairs, ResultView.INFERENCE, "p99 latency", "lower", Compare::p99));
        out.add(rank(runs, pairs, ResultView.TRAINING, "samples/s", "higher", Compare::throughput));
        out.add(rank(runs, pairs, ResultView.TRAINING, "time-to-quality", "lower",
                d -> d.metric().equals("time_to_quality") && d.stat().equals("value")));
        return out;
    }

    private static boolean throughput(Delta d) {
        return (d.metric().equals("throughput") || d.metric().equals("samples_per_s")) && d.stat().equals("value");
    }

    private static boolean p99(Delta d) {
        return d.metric().equals("latency") && d.stat().equals("p99");
    }

    /**
     * Ranks runs by the geometric mean of their ratio to the baseline over the results that are
     * comparable (and VALID) in every run, so each executor is scored on the same work.
     */
    private static Ranking rank(List<RunView> runs, List<Pair> pairs, String phase, String title, String better,
                                Predicate<Delta> selects) {
        // baseline label -> run -> ratio
        Map<String, Map<Integer, Double>> ratios = new LinkedHashMap<>();
        for (Pair p : pairs) {
            if (!p.gated() || !p.key().phase().equals(phase)) {
                continue;
            }
            for (Delta d : p.deltas()) {
                if (selects.test(d) && d.a() > 0 && d.b() > 0) {
                    ratios.computeIfAbsent(p.label(), k -> new TreeMap<>()).put(p.run(), d.b() / d.a());
                }
            }
        }
        List<String> shared = ratios.entrySet().stream().filter(e -> e.getValue().size() == runs.size() - 1)
                .map(Map.Entry::getKey).toList();
        if (shared.isEmpty()) {
            return new Ranking(phase, title, better, List.of(), 0, "no " + phase + " result with this metric is comparable "
                    + "and VALID in every run");
        }
        List<Ranking.Entry> entries = new ArrayList<>();
        entries.add(new Ranking.Entry(0, 1.0));
        for (int i = 1; i < runs.size(); i++) {
            double logSum = 0;
            for (String k : shared) {
                logSum += Math.log(ratios.get(k).get(i));
            }
            entries.add(new Ranking.Entry(i, Math.exp(logSum / shared.size())));
        }
        Comparator<Ranking.Entry> order = Comparator.comparingDouble(Ranking.Entry::score);
        entries.sort(better.equals("higher") ? order.reversed() : order);
        return new Ranking(phase, title, better, entries, shared.size(),
                "score = geometric mean of the ratio to run A over " + shared.size() + " shared result(s), "
                        + better + " is better; point estimates, see the deltas for significance");
    }
}
