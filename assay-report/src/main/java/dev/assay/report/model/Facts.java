package dev.assay.report.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Domain facts derived from a result, shared by every renderer (HTML, Markdown, CSV, compare)
 * so that the same question always gets the same answer. Each lookup accepts the key variants
 * writers are likely to use and returns empty rather than guessing.
 */
public final class Facts {
    private Facts() {
    }

    // ---- headline metrics -------------------------------------------------------------

    /** Throughput metric of an inference result, or samples/s of a training result. */
    public static Optional<MetricView> throughput(ResultView r) {
        return r.isTraining()
                ? r.metric("samples_per_s", "samples_per_second", "throughput")
                : r.metric("throughput", "samples_per_s", "qps", "inferences_per_s");
    }

    /** Headline latency distribution (from scheduled time). */
    public static Optional<MetricView> latency(ResultView r) {
        return r.metric("latency", "query_latency", "latency_ms");
    }

    /** Scalar of a Val or Est; NaN otherwise. */
    public static double scalar(MetricView m) {
        return switch (m) {
            case MetricView.Val v -> v.value();
            case MetricView.Est e -> e.value();
            default -> Double.NaN;
        };
    }

    /** Scalar of an optional metric; NaN when absent. */
    public static double scalar(Optional<MetricView> m) {
        return m.map(Facts::scalar).orElse(Double.NaN);
    }

    // ---- per-precision context --------------------------------------------------------

    /**
     * The backend's precision variant ({@code details.precision.variant}, e.g. int8-dynamic vs
     * int8-static), or the precision id when the backend has only one way to run it.
     */
    public static String variant(ResultView r) {
        JsonNode p = r.detail("precision");
        return Nodes.text(p, "variant").map(s -> s.toLowerCase(Locale.ROOT)).orElse(r.precision());
    }

    /** Same configuration except precision: the FP32 result of this run, if it ran. */
    public static Optional<ResultView> fp32Baseline(RunView run, ResultView r) {
        return run.results().stream()
                .filter(o -> o.precision().equals("fp32") && o.ran() && o.index() != r.index())
                .filter(o -> o.phase().equals(r.phase()) && o.workload().equals(r.workload())
                        && o.backend().equals(r.backend()) && o.batch() == r.batch() && o.seqLen() == r.seqLen()
                        && o.scenario().equals(r.scenario())
                        && Objects.equals(settingsKey(o.settings()), settingsKey(r.settings())))
                .findFirst();
    }

    /**
     * Throughput ratio against the FP32 result of the same configuration.
     *
     * @param ratio NaN when there is none
     * @param note  "baseline", "no FP32 result in this run", ...
     */
    public record Speedup(double ratio, String note) {
    }

    /** Speed-up of {@code r} against FP32 (throughput ratio). */
    public static Speedup speedup(RunView run, ResultView r) {
        if (!r.ran()) {
            return new Speedup(Double.NaN, "did not run");
        }
        if (r.precision().equals("fp32")) {
            return new Speedup(1.0, "baseline");
        }
        Optional<ResultView> base = fp32Baseline(run, r);
        if (base.isEmpty()) {
            return new Speedup(Double.NaN, "no FP32 result with the same settings");
        }
        double mine = scalar(throughput(r));
        double theirs = scalar(throughput(base.get()));
        if (Double.isNaN(mine) || Double.isNaN(theirs) || theirs <= 0) {
            return new Speedup(Double.NaN, "throughput not measured");
        }
        return new Speedup(mine / theirs, "");
    }

    /** Settings with run-length keys removed: what must agree for two results to be the same operating point. */
    public static Map<String, String> settingsKey(JsonNode settings) {
        Map<String, String> out = new java.util.TreeMap<>();
        if (settings != null && settings.isObject()) {
            settings.properties().forEach(e -> {
                if (!isRunLengthKey(e.getKey())) {
                    out.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
                }
            });
        }
        return out;
    }

    /**
     * Settings that change how long or how often a configuration is measured but not what is
     * measured: differences are reported, they do not make results incomparable.
     */
    public static boolean isRunLengthKey(String key) {
        String k = Nodes.norm(key);
        return k.startsWith("duration") || k.startsWith("minduration") || k.startsWith("minquer")
                || k.startsWith("maxquer") || k.startsWith("warmup") || k.equals("seed") || k.endsWith("seed")
                || k.startsWith("repeat") || k.startsWith("runs") || k.equals("hlog") || k.startsWith("out");
    }

    /**
     * A capability verdict.
     *
     * @param backend   backend id
     * @param device    device or provider, and the workload/phase a row is scoped to ("" when not given)
     * @param precision precision id, or the backend's variant id when it has several (int8-dynamic)
     * @param verdict   native, emulated, unsupported, slow-path, reference, unknown
     * @param detail    reason or evidence, may be empty
     */
    public record Capability(String backend, String device, String precision, String verdict, String detail) {
    }

    /** Reads the top-level capability matrix in either list or nested-object form. */
    public static List<Capability> capabilityMatrix(RunView run) {
        List<Capability> out = new ArrayList<>();
        JsonNode cap = capabilityBlock(run);
        if (cap.isArray()) {
            for (JsonNode e : cap) {
                // rows may be scoped to a workload and phase (core's CapabilityMatrix writes one row per
                // phase, backend, workload and variant); the scope joins the device in the row label
                String scope = String.join(" · ", java.util.stream.Stream.of(
                        Nodes.text(e, "device", "provider", "executionProvider").orElse(""),
                        Nodes.text(e, "workload").orElse(""),
                        Nodes.text(e, "phase").map(p -> p.toLowerCase(Locale.ROOT)).filter(p -> !p.equals("inference")).orElse(""))
                        .filter(x -> !x.isBlank()).toList());
                out.add(new Capability(Nodes.text(e, "backend").orElse("?"), scope,
                        Nodes.text(e, "variant", "precision").map(s -> s.toLowerCase(Locale.ROOT)).orElse("?"),
                        Nodes.text(e, "verdict", "capability", "status").orElse("?"),
                        Nodes.text(e, "detail", "reason", "evidence").orElse("")));
            }
        } else if (cap.isObject()) {
            cap.properties().forEach(b -> {
                if (b.getValue().isObject()) {
                    b.getValue().properties().forEach(p -> {
                        JsonNode v = p.getValue();
                        String verdict = v.isValueNode() ? v.asText()
                                : Nodes.text(v, "verdict", "capability", "status").orElse("?");
                        String detail = v.isValueNode() ? "" : Nodes.text(v, "detail", "reason", "evidence").orElse("");
                        String device = v.isValueNode() ? "" : Nodes.text(v, "device", "provider").orElse("");
                        out.add(new Capability(b.getKey(), device, p.getKey().toLowerCase(Locale.ROOT), verdict, detail));
                    });
                }
            });
        }
        return out;
    }

    private static JsonNode capabilityBlock(RunView run) {
        JsonNode cap = run.block("capability", "capabilities", "precisionCapability", "capability_matrix");
        if (cap.isObject() && Nodes.field(cap, "rows", "entries", "matrix").isArray()) {
            return Nodes.field(cap, "rows", "entries", "matrix");
        }
        return cap;
    }

    /**
     * Capability of this result's precision: the result's own block first, then the matrix
     * point that names this result ({@code points[].result_index}), then the matrix row of its
     * backend and precision.
     */
    public static Optional<Capability> capability(RunView run, ResultView r) {
        JsonNode own = r.detail("capability");
        if (own.isValueNode() && Nodes.text(own).isPresent()) {
            return Optional.of(new Capability(r.backend(), "", r.precision(), own.asText(), ""));
        }
        if (own.isObject()) {
            var v = Nodes.text(own, "verdict", "capability", "status");
            if (v.isPresent()) {
                return Optional.of(new Capability(r.backend(), Nodes.text(own, "device", "provider").orElse(""),
                        r.precision(), v.get(), Nodes.text(own, "detail", "reason", "evidence").orElse("")));
            }
        }
        JsonNode rows = capabilityBlock(run);
        if (rows.isArray()) {
            for (JsonNode row : rows) {
                for (JsonNode pt : Nodes.elements(Nodes.field(row, "points"))) {
                    if (Nodes.number(pt, "result_index").orElse(-1) == r.index()) {
                        return Optional.of(new Capability(r.backend(), "", r.precision(),
                                Nodes.text(pt, "verdict").orElse("?"), Nodes.text(pt, "reason", "detail").orElse("")));
                    }
                }
            }
        }
        return capabilityMatrix(run).stream()
                .filter(c -> c.backend().equalsIgnoreCase(r.backend()) && c.precision().equalsIgnoreCase(r.precision()))
                .findFirst();
    }

    /** Accuracy cost against the FP32 reference, as a short phrase; empty when not recorded. */
    public static Optional<String> accuracy(ResultView r, java.util.function.DoubleFunction<String> num,
                                            java.util.function.DoubleFunction<String> pct) {
        JsonNode a = r.detail("accuracy", "divergence", "accuracy_divergence");
        if (!Nodes.present(a)) {
            return Optional.empty();
        }
        if (a.isValueNode()) {
            return Nodes.text(a);
        }
        List<String> parts = new ArrayList<>();
        Nodes.number(a, "rel_l2", "relative_l2", "relL2", "rel_l2_error").ifPresent(v -> parts.add("rel L2 " + num.apply(v)));
        Nodes.number(a, "max_abs", "max_abs_error", "maxAbsError").ifPresent(v -> parts.add("max |Δ| " + num.apply(v)));
        Nodes.number(a, "top1_agreement", "top1Agreement", "top_1_agreement")
                .ifPresent(v -> parts.add("top-1 " + pct.apply(v > 1 ? v / 100 : v)));
        if (Nodes.present(Nodes.field(a, "non_finite"))) {
            parts.add("NON-FINITE outputs");
        }
        Nodes.number(a, "test_accuracy", "testAccuracy").ifPresent(v -> parts.add("test acc " + pct.apply(v > 1 ? v / 100 : v)));
        if (parts.isEmpty()) {
            Nodes.text(a, "reason", "note").ifPresent(t -> parts.add(t));
        }
        if (parts.isEmpty()) {
            Nodes.text(a, "reference").ifPresent(t -> parts.add("reference " + t));
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(" · ", parts));
    }

    // ---- roofline ---------------------------------------------------------------------

    /**
     * A workload's position under the roofline.
     *
     * @param intensity  FLOP per byte
     * @param attainable GFLOP/s attainable at that intensity, NaN when unknown
     * @param achieved   GFLOP/s achieved, NaN when unknown
     * @param fraction   achieved / attainable, NaN when unknown
     * @param bound      "memory" or "compute" (as written), empty when unknown
     * @param ridge      ridge point FLOP/byte, NaN when unknown
     */
    public record RooflinePoint(double intensity, double attainable, double achieved, double fraction, String bound,
                                double ridge) {
    }

    /** The result's roofline block, when it has an arithmetic intensity. */
    public static Optional<RooflinePoint> roofline(ResultView r) {
        JsonNode rf = r.detail("roofline");
        OptionalDouble ai = Nodes.number(rf, "arithmetic_intensity", "intensity", "ai");
        if (ai.isEmpty()) {
            return Optional.empty();
        }
        double attainable = Nodes.numberOrNaN(rf, "attainable_gflops", "attainable");
        double achieved = Nodes.numberOrNaN(rf, "achieved_gflops", "achieved");
        double fraction = Nodes.number(rf, "achieved_fraction", "fraction")
                .orElse(attainable > 0 ? achieved / attainable : Double.NaN);
        String bound = Nodes.text(rf, "bound", "verdict").orElse("");
        return Optional.of(new RooflinePoint(ai.getAsDouble(), attainable, achieved, fraction, bound,
                Nodes.numberOrNaN(rf, "ridge_point", "ridge")));
    }

    /**
     * A measured ceiling.
     *
     * @param precision precision id
     * @param gflops    GFLOP/s (GOP/s for integer)
     * @param runtime   runtime that reached it
     * @param method    how it was measured
     */
    public record Ceiling(String precision, double gflops, String runtime, String method) {
    }

    /** Memory bandwidth in GB/s from the run's roofline block, NaN when absent. */
    public static double bandwidth(RunView run) {
        JsonNode rf = run.block("roofline");
        JsonNode bw = Nodes.field(rf, "bandwidth_gbs", "bandwidth");
        if (bw.isObject()) {
            return Nodes.numberOrNaN(bw, "value", "triad", "best");
        }
        return Nodes.number(bw).orElse(Double.NaN);
    }

    /** Measured per-precision peaks from the run's roofline block. */
    public static List<Ceiling> ceilings(RunView run) {
        List<Ceiling> out = new ArrayList<>();
        JsonNode peaks = Nodes.field(run.block("roofline"), "peak_gflops", "peaks");
        if (peaks.isObject()) {
            peaks.properties().forEach(e -> {
                JsonNode v = e.getValue();
                double g = v.isNumber() ? v.asDouble() : Nodes.numberOrNaN(v, "value", "gflops");
                if (!Double.isNaN(g)) {
                    out.add(new Ceiling(e.getKey().toLowerCase(Locale.ROOT), g,
                            Nodes.text(v, "runtime", "backend").orElse(""), Nodes.text(v, "method").orElse("")));
                }
            });
        }
        return out;
    }

    /** Why the run has no roofline block, when it says so. */
    public static Optional<String> rooflineReason(RunView run) {
        return Nodes.text(run.block("roofline"), "reason", "notMeasured");
    }

    // ---- energy -----------------------------------------------------------------------

    /**
     * Energy disclosure of one result.
     *
     * @param measured whether energy was measured
     * @param reason   why not, when not measured
     * @param source   counter or sampler (rapl, nvml...)
     * @param boundary what the sensor covers (CPU package, GPU board...)
     * @param perUnitJ joules per inference/step/token at the operating point, NaN when absent
     * @param perWhat  "inference", "step", "token"
     * @param figures  other numeric fields as written (gross_j, net_j, idle_w...), in file order
     */
    public record Energy(boolean measured, String reason, String source, String boundary, double perUnitJ,
                         String perWhat, Map<String, Double> figures) {
    }

    /** Reads the energy disclosure; "not measured" with the writer's reason when absent. */
    public static Energy energy(ResultView r) {
        JsonNode e = r.detail("energy");
        String what = r.isTraining() ? "step" : "inference";
        double perUnit = Double.NaN;
        String perWhat = what;
        for (String w : List.of(what, "token")) {
            Optional<MetricView> m = r.metric("energy_per_" + w);
            if (m.isPresent() && !Double.isNaN(scalar(m.get()))) {
                perUnit = scalar(m.get());
                perWhat = w;
                break;
            }
            OptionalDouble d = Nodes.number(e, "energy_per_" + w + "_j", "energy_per_" + w, "per_" + w + "_j");
            if (d.isPresent()) {
                perUnit = d.getAsDouble();
                perWhat = w;
                break;
            }
        }
        Map<String, Double> figures = new LinkedHashMap<>();
        if (e.isObject()) {
            e.properties().forEach(p -> {
                if (p.getValue().isNumber() && !Nodes.norm(p.getKey()).startsWith("energyper")
                        && !Nodes.norm(p.getKey()).startsWith("per")) {
                    figures.put(p.getKey(), p.getValue().asDouble());
                }
            });
        }
        boolean measured = Nodes.bool(e, "measured").orElse(!Double.isNaN(perUnit) || !figures.isEmpty());
        String reason = Nodes.text(e, "reason", "notMeasured").orElse(
                Nodes.present(e) ? "no reason given" : (r.ran() ? "no energy block in this result" : "configuration did not run"));
        Optional<MetricView> missing = r.metric("energy_per_" + what);
        if (!measured && missing.isPresent() && missing.get() instanceof MetricView.Missing m) {
            reason = m.reason();
        }
        return new Energy(measured, measured ? "" : reason, Nodes.text(e, "source").orElse(""),
                Nodes.text(e, "boundary").orElse(""), perUnit, perWhat, figures);
    }

    // ---- saturation -------------------------------------------------------------------

    /**
     * One probed rate of a saturation search.
     *
     * @param rate       scheduled rate (queries/s)
     * @param throughput achieved throughput, NaN when absent
     * @param p50Ms      p50 latency in ms, NaN when absent
     * @param p99Ms      p99 latency in ms, NaN when absent
     * @param valid      whether the probe met the bound and its validity rules
     */
    public record Probe(double rate, double throughput, double p50Ms, double p99Ms, boolean valid) {
    }

    /**
     * A saturation search.
     *
     * @param peakQps    highest scheduled rate meeting the bound, NaN when none
     * @param boundMs    latency bound in ms, NaN when not stated
     * @param percentile the bounded percentile (e.g. 99), NaN when not stated
     * @param probes     every probed rate, sorted by rate
     */
    public record Saturation(double peakQps, double boundMs, double percentile, List<Probe> probes) {
    }

    /** The result's saturation search, when it has one. */
    public static Optional<Saturation> saturation(ResultView r) {
        JsonNode s = r.detail("saturation", "peak_search", "find_peak");
        if (!s.isObject()) {
            return Optional.empty();
        }
        String unit = Nodes.text(s, "latency_unit", "unit").orElse("ms");
        List<Probe> probes = new ArrayList<>();
        for (JsonNode p : Nodes.elements(Nodes.field(s, "probes", "points"))) {
            double rate = Nodes.numberOrNaN(p, "rate", "qps", "scheduled_qps", "target_qps");
            if (Double.isNaN(rate)) {
                continue;
            }
            probes.add(new Probe(rate, Nodes.numberOrNaN(p, "throughput", "achieved_qps", "achieved"),
                    latencyMs(p, "p50", unit), latencyMs(p, "p99", unit),
                    Nodes.bool(p, "valid", "meets_bound", "ok").orElse(false)));
        }
        probes.sort(java.util.Comparator.comparingDouble(Probe::rate));
        double bound = Nodes.number(s, "latency_bound_ms").orElse(
                Nodes.number(s, "latency_bound", "bound").isPresent()
                        ? Units.toMillis(Nodes.numberOrNaN(s, "latency_bound", "bound"), unit) : Double.NaN);
        return Optional.of(new Saturation(Nodes.numberOrNaN(s, "peak_qps", "peak", "saturation_qps"), bound,
                Nodes.numberOrNaN(s, "percentile"), probes));
    }

    private static double latencyMs(JsonNode p, String stat, String unit) {
        for (String u : List.of("ms", "us", "ns", "s")) {
            OptionalDouble v = Nodes.number(p, stat + "_" + u);
            if (v.isPresent()) {
                return Units.toMillis(v.getAsDouble(), u);
            }
        }
        return Units.toMillis(Nodes.numberOrNaN(p, stat), unit);
    }

    // ---- training ---------------------------------------------------------------------

    /**
     * One point of a training curve.
     *
     * @param wallS    wall-clock seconds since training started
     * @param step     optimiser step, -1 when absent
     * @param loss     training loss, NaN when absent
     * @param accuracy test accuracy (fraction), NaN when absent
     */
    public record CurvePoint(double wallS, long step, double loss, double accuracy) {
    }

    /** The training curve (loss and accuracy against wall time), empty when absent. */
    public static List<CurvePoint> curve(ResultView r) {
        List<CurvePoint> out = new ArrayList<>();
        for (JsonNode p : Nodes.elements(r.detail("curve", "training_curve"))) {
            double t = Nodes.numberOrNaN(p, "t_s", "wall_s", "time_s", "t");
            if (Double.isNaN(t)) {
                continue;
            }
            double acc = Nodes.numberOrNaN(p, "test_accuracy", "accuracy", "eval_accuracy");
            out.add(new CurvePoint(t, (long) Nodes.number(p, "step").orElse(-1),
                    Nodes.numberOrNaN(p, "loss", "train_loss"), acc > 1.0 ? acc / 100.0 : acc));
        }
        return out;
    }

    /** Target accuracy of time-to-quality (fraction), NaN when not stated. */
    public static double qualityTarget(ResultView r) {
        JsonNode t = r.detail("time_to_quality");
        double v = Nodes.numberOrNaN(t, "target", "target_accuracy");
        return v > 1.0 ? v / 100.0 : v;
    }

    /** Memory footprint fields (bytes) in file order, from details.memory. */
    public static Map<String, Double> memory(ResultView r) {
        Map<String, Double> out = new LinkedHashMap<>();
        JsonNode m = r.detail("memory", "memory_footprint");
        if (m.isObject()) {
            m.properties().forEach(e -> {
                if (e.getValue().isNumber()) {
                    out.put(e.getKey(), e.getValue().asDouble());
                }
            });
        }
        return out;
    }

    /** Peak memory in bytes: details.memory peak field or a memory metric; NaN when absent. */
    public static double peakMemoryBytes(ResultView r) {
        JsonNode m = r.detail("memory", "memory_footprint");
        OptionalDouble d = Nodes.number(m, "peak_rss_bytes", "peak_bytes", "peak_rss", "observed_peak_bytes");
        if (d.isPresent()) {
            return d.getAsDouble();
        }
        return scalar(r.metric("memory_peak_bytes", "peak_rss_bytes", "memory_peak"));
    }

    // ---- raw data ---------------------------------------------------------------------

    /**
     * An interval histogram log referenced by a result.
     *
     * @param file resolved path inside the run directory
     * @param unit unit of the recorded values (from a sibling {@code hlog_unit}, "ns" when absent)
     * @param key  the JSON key that referenced it (e.g. "hlog", "latency_hlog")
     */
    public record HlogRef(Path file, String unit, String key) {
    }

    /**
     * Every {@code .hlog} file a result references anywhere in its details or settings. Paths
     * are resolved against the run directory; a path escaping it is ignored, so a report is
     * always rebuilt from the run directory alone.
     */
    public static List<HlogRef> hlogs(RunView run, ResultView r) {
        List<HlogRef> out = new ArrayList<>();
        collectHlogs(run.dir(), r.details(), out);
        collectHlogs(run.dir(), r.settings(), out);
        return out;
    }

    private static void collectHlogs(Path dir, JsonNode n, List<HlogRef> out) {
        collectHlogs(dir, n, "ns", "hlog", out);
    }

    private static void collectHlogs(Path dir, JsonNode n, String inheritedUnit, String key, List<HlogRef> out) {
        if (n == null) {
            return;
        }
        if (n.isTextual() && n.asText().endsWith(".hlog")) {
            Path p = dir.resolve(n.asText()).normalize();
            if (p.startsWith(dir.normalize()) && out.stream().noneMatch(h -> h.file().equals(p))) {
                out.add(new HlogRef(p, inheritedUnit, key));
            }
        } else if (n.isObject()) {
            String unit = Nodes.text(n, "hlog_unit", "hlogUnit").orElse(inheritedUnit);
            n.properties().forEach(e -> collectHlogs(dir, e.getValue(), unit, e.getKey(), out));
        } else if (n.isArray()) {
            n.forEach(e -> collectHlogs(dir, e, inheritedUnit, key, out));
        }
    }
}
