package dev.assay.core.precision;

import dev.assay.api.result.Metric;
import dev.assay.api.result.Result;
import dev.assay.api.result.Validity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The precision capability matrix of a set of results: for every result, its verdict
 * ({@link CapabilityVerdict}) and speed-up against the FP32 result measured side by side
 * (same phase, backend, workload, batch, sequence length and scenario), and per precision a
 * summary across operating points.
 *
 * <p>Rules, in order: a result whose validity is UNSUPPORTED is {@code unsupported}; FP32 is
 * the {@code reference}; a result whose throughput is below (1 - tolerance) x FP32's is
 * {@code slow-path} whatever the graph says (slower is what the user must know; the graph
 * verdict stays in the reason); otherwise the backend's own graph verdict
 * ({@code details.precision.execution}: native or emulated) decides; without one the verdict
 * is {@code unknown}. A precision's summary takes the most severe verdict of its points
 * (unsupported > slow-path > emulated > native).
 */
public final class CapabilityMatrix {
    /** Metric name read as throughput. */
    public static final String THROUGHPUT = "throughput";
    /** Throughput may be this much below FP32 (run-to-run noise) before a point is called slow-path. */
    public static final double DEFAULT_TOLERANCE = 0.05;

    /**
     * One result's verdict.
     *
     * @param index          position of the result in the input list
     * @param precisionKey   precision id, or the backend's variant id when it has several (e.g. int8-dynamic)
     * @param verdict        the verdict
     * @param speedupVsFp32  throughput / FP32 throughput, or null when either is missing
     * @param reason         one line explaining the verdict
     */
    public record Entry(int index, Result result, String precisionKey, CapabilityVerdict verdict, Double speedupVsFp32,
                        String reason) {
    }

    private final double tolerance;
    private final List<Entry> entries;

    private CapabilityMatrix(double tolerance, List<Entry> entries) {
        this.tolerance = tolerance;
        this.entries = List.copyOf(entries);
    }

    public static CapabilityMatrix of(List<Result> results) {
        return of(results, DEFAULT_TOLERANCE);
    }

    public static CapabilityMatrix of(List<Result> results, double tolerance) {
        if (!(tolerance >= 0 && tolerance < 1)) {
            throw new IllegalArgumentException("tolerance must be in [0, 1), was " + tolerance);
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            entries.add(judge(i, results.get(i), results, tolerance));
        }
        return new CapabilityMatrix(tolerance, entries);
    }

    /** Verdicts in the order of the input results. */
    public List<Entry> entries() {
        return entries;
    }

    /** Speed-up of the result at {@code index} against FP32, when both throughputs were measured. */
    public OptionalDouble speedupVsFp32(int index) {
        Double s = entries.get(index).speedupVsFp32();
        return s == null ? OptionalDouble.empty() : OptionalDouble.of(s);
    }

    private static Entry judge(int index, Result r, List<Result> all, double tol) {
        String key = precisionKey(r);
        if (r.validity() != null && r.validity().verdict() == Validity.Verdict.UNSUPPORTED) {
            String why = r.warnings().isEmpty() ? "the runtime refused " + key : String.join("; ", r.warnings());
            return new Entry(index, r, key, CapabilityVerdict.UNSUPPORTED, null, why);
        }
        if (r.validity() != null && r.validity().verdict() == Validity.Verdict.FAILED) {
            return new Entry(index, r, key, CapabilityVerdict.UNKNOWN, null, "the run failed");
        }
        if (r.precision().equals("fp32")) {
            Double one = throughput(r) != null ? 1.0 : null;
            return new Entry(index, r, key, CapabilityVerdict.REFERENCE, one, "fp32 is the reference");
        }
        Result base = baseline(r, all);
        Double thr = throughput(r);
        Double baseThr = base == null ? null : throughput(base);
        Double speedup = thr != null && baseThr != null && baseThr > 0 ? thr / baseThr : null;
        String graph = graphExecution(r);
        String graphNote = graph == null ? "no graph verdict disclosed" : "graph verdict " + graph;
        if (speedup != null && speedup < 1 - tol) {
            return new Entry(index, r, key, CapabilityVerdict.SLOW_PATH, speedup,
                    String.format(java.util.Locale.ROOT, "%.3gx fp32 throughput (slower beyond %.0f%% tolerance); %s",
                            speedup, tol * 100, graphNote));
        }
        String speedText = speedup == null ? (base == null ? "no fp32 result at this operating point"
                : "throughput not measured") : String.format(java.util.Locale.ROOT, "%.3gx fp32 throughput", speedup);
        if ("emulated".equals(graph)) {
            return new Entry(index, r, key, CapabilityVerdict.EMULATED, speedup, speedText + "; " + graphNote + ": " + graphReason(r));
        }
        if ("native".equals(graph)) {
            return new Entry(index, r, key, CapabilityVerdict.NATIVE, speedup, speedText + "; " + graphNote);
        }
        return new Entry(index, r, key, CapabilityVerdict.UNKNOWN, speedup, speedText + "; " + graphNote);
    }

    private static Result baseline(Result r, List<Result> all) {
        for (Result b : all) {
            if (b.precision().equals("fp32") && b.phase() == r.phase() && Objects.equals(b.backend(), r.backend())
                    && Objects.equals(b.workload(), r.workload()) && b.batch() == r.batch() && b.seqLen() == r.seqLen()
                    && Objects.equals(b.scenario(), r.scenario())
                    && (b.validity() == null || b.validity().verdict() == Validity.Verdict.VALID
                    || b.validity().verdict() == Validity.Verdict.INVALID)) {
                return b;
            }
        }
        return null;
    }

    static Double throughput(Result r) {
        Metric m = r.metrics().get(THROUGHPUT);
        if (m instanceof Metric.Value v && v.value() > 0) {
            return v.value();
        }
        if (m instanceof Metric.Estimate e && e.value() > 0) {
            return e.value();
        }
        return null;
    }

    /** The backend's disclosed precision block: details.precision, or details.disclosure.precision. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> precisionBlock(Result r) {
        Object p = r.details().get("precision");
        if (p == null && r.details().get("disclosure") instanceof Map<?, ?> d) {
            p = d.get("precision");
        }
        return p instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static String graphExecution(Result r) {
        Object e = precisionBlock(r).get("execution");
        return e == null ? null : e.toString();
    }

    private static String graphReason(Result r) {
        Object e = precisionBlock(r).get("reason");
        return e == null ? "" : e.toString();
    }

    static String precisionKey(Result r) {
        Object v = precisionBlock(r).get("variant");
        return v == null ? r.precision() : v.toString();
    }

    /** JSON-friendly matrix for run.json: the rule, per-precision rows and their operating points. */
    public Map<String, Object> toJson() {
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        Map<String, CapabilityVerdict> worst = new LinkedHashMap<>();
        for (Entry e : entries) {
            Result r = e.result();
            String rowKey = r.phase().id() + "|" + r.backend() + "|" + r.workload() + "|" + e.precisionKey();
            Map<String, Object> row = rows.computeIfAbsent(rowKey, k -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("phase", r.phase().id());
                m.put("backend", r.backend());
                m.put("workload", r.workload());
                m.put("precision", r.precision());
                m.put("variant", e.precisionKey());
                m.put("points", new ArrayList<Map<String, Object>>());
                return m;
            });
            CapabilityVerdict w = worst.get(rowKey);
            if (w == null || e.verdict().severity() > w.severity()) {
                worst.put(rowKey, e.verdict());
                row.put("verdict", e.verdict().id());
                row.put("reason", e.reason());
            }
            if (e.speedupVsFp32() != null) {
                double s = e.speedupVsFp32();
                row.merge("speedup_min", s, (a, b) -> Math.min((double) a, (double) b));
                row.merge("speedup_max", s, (a, b) -> Math.max((double) a, (double) b));
            }
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("result_index", e.index());
            point.put("batch", r.batch());
            point.put("seq_len", r.seqLen());
            point.put("scenario", r.scenario());
            point.put("verdict", e.verdict().id());
            point.put("speedup_vs_fp32", e.speedupVsFp32());
            point.put("graph_execution", graphExecution(r));
            point.put("reason", e.reason());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> points = (List<Map<String, Object>>) row.get("points");
            points.add(point);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rule", "unsupported if the runtime refused; reference for fp32; slow-path if throughput < (1 - tolerance) x fp32 "
                + "at the same operating point; else the backend's post-optimisation graph verdict (native / emulated); else unknown. "
                + "A precision's verdict is its most severe point (unsupported > slow-path > emulated > native).");
        out.put("tolerance", tolerance);
        out.put("throughput_metric", THROUGHPUT);
        out.put("rows", new ArrayList<>(rows.values()));
        return out;
    }
}
