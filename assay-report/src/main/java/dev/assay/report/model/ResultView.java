package dev.assay.report.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One result of a run, read leniently.
 *
 * @param index     position in results[] (stable anchor for links)
 * @param phase     "inference", "training", or "unknown" when the writer omitted it
 * @param workload  workload name ("?" when absent)
 * @param backend   backend id ("?" when absent)
 * @param precision precision id, lower case ("?" when absent)
 * @param batch     batch size, 0 when absent
 * @param seqLen    sequence length, 0 when not applicable
 * @param scenario  scenario or training recipe id ("?" when absent)
 * @param settings  effective settings object (may be missing)
 * @param verdict   VALID, INVALID, UNSUPPORTED, FAILED, or UNKNOWN when no validity block exists
 * @param checks    validity checks
 * @param warnings  result warnings
 * @param metrics   metrics by name, in file order
 * @param details   disclosure blocks (may be missing)
 */
public record ResultView(int index, String phase, String workload, String backend, String precision, int batch,
                         int seqLen, String scenario, JsonNode settings, String verdict, List<CheckView> checks,
                         List<String> warnings, Map<String, MetricView> metrics, JsonNode details) {

    /** Phase id of inference results. */
    public static final String INFERENCE = "inference";
    /** Phase id of training results. */
    public static final String TRAINING = "training";

    public ResultView {
        checks = List.copyOf(checks);
        warnings = List.copyOf(warnings);
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** Reads one element of results[]. */
    static ResultView parse(int index, JsonNode n) {
        String phase = Nodes.text(n, "phase").map(s -> s.toLowerCase(Locale.ROOT)).orElse("unknown");
        JsonNode validity = Nodes.field(n, "validity");
        String verdict = Nodes.text(validity, "verdict").map(s -> s.toUpperCase(Locale.ROOT)).orElse("UNKNOWN");
        List<CheckView> checks = new ArrayList<>();
        for (JsonNode c : Nodes.elements(Nodes.field(validity, "checks"))) {
            checks.add(new CheckView(Nodes.text(c, "name").orElse("check"),
                    Nodes.bool(c, "passed").orElse(false),
                    Nodes.text(c, "detail").orElse(""), Nodes.text(c, "recommendation").orElse("")));
        }
        Map<String, MetricView> metrics = new LinkedHashMap<>();
        JsonNode m = Nodes.field(n, "metrics");
        if (m.isObject()) {
            m.properties().forEach(e -> metrics.put(e.getKey(), MetricView.parse(e.getValue())));
        }
        return new ResultView(index, phase,
                Nodes.text(n, "workload").orElse("?"),
                Nodes.text(n, "backend").orElse("?"),
                Nodes.text(n, "precision").map(s -> s.toLowerCase(Locale.ROOT)).orElse("?"),
                (int) Nodes.number(n, "batch").orElse(0),
                (int) Nodes.number(n, "seqLen").orElse(0),
                Nodes.text(n, "scenario").orElse("?"),
                Nodes.field(n, "settings"), verdict, checks,
                Nodes.strings(Nodes.field(n, "warnings")), metrics, Nodes.field(n, "details"));
    }

    /** Training result. */
    public boolean isTraining() {
        return TRAINING.equals(phase);
    }

    /** Inference result. */
    public boolean isInference() {
        return INFERENCE.equals(phase);
    }

    /** Whether the configuration produced measurements at all (not UNSUPPORTED or FAILED). */
    public boolean ran() {
        return !verdict.equals("UNSUPPORTED") && !verdict.equals("FAILED");
    }

    /** First metric present under one of {@code names} (lenient key match). */
    public Optional<MetricView> metric(String... names) {
        for (String name : names) {
            MetricView v = metrics.get(name);
            if (v != null) {
                return Optional.of(v);
            }
        }
        for (String name : names) {
            String nn = Nodes.norm(name);
            for (var e : metrics.entrySet()) {
                if (Nodes.norm(e.getKey()).equals(nn)) {
                    return Optional.of(e.getValue());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A details block, or a missing node. Looks at the top level of {@code details} first, then
     * inside {@code details.disclosure} (where a runner may keep the backend's own disclosure).
     */
    public JsonNode detail(String... names) {
        JsonNode top = Nodes.field(details, names);
        return Nodes.present(top) ? top : Nodes.field(Nodes.field(details, "disclosure"), names);
    }

    /** Short human label: workload · backend · precision · batch · scenario. */
    public String label() {
        StringBuilder b = new StringBuilder();
        b.append(workload).append(" · ").append(backend).append(" · ").append(precision)
                .append(" · batch ").append(batch);
        if (seqLen > 0) {
            b.append(" · seq ").append(seqLen);
        }
        b.append(" · ").append(scenario);
        // The load point tells two results of one scenario apart (server at 100 vs 356 QPS).
        for (String k : List.of("qps", "target_qps", "concurrency", "samples_per_query")) {
            Nodes.text(Nodes.field(settings, k)).ifPresent(v -> b.append(" · ").append(k.replace('_', ' ')).append(' ').append(v));
        }
        return b.toString();
    }

    /** HTML anchor id. */
    public String anchor() {
        return "result-" + index;
    }
}
