package dev.assay.report.compare;

import dev.assay.report.model.Facts;
import dev.assay.report.model.ResultView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What a result measured: two results are comparable only when these agree (backend aside,
 * which is part of the executor under comparison). Run-length settings (duration, seed...)
 * are excluded; see {@link Facts#isRunLengthKey}.
 *
 * @param phase     inference or training
 * @param workload  workload
 * @param backend   backend id
 * @param precision precision
 * @param batch     batch size
 * @param seqLen    sequence length
 * @param scenario  scenario or recipe
 * @param settings  operating-point settings
 */
public record ResultKey(String phase, String workload, String backend, String precision, int batch, int seqLen,
                        String scenario, Map<String, String> settings) {
    public ResultKey {
        settings = Map.copyOf(settings);
    }

    /** The key of a result. */
    public static ResultKey of(ResultView r) {
        // the variant (int8-static vs int8-dynamic) is what ran, so it is what must match
        return new ResultKey(r.phase(), r.workload(), r.backend(), Facts.variant(r), r.batch(), r.seqLen(), r.scenario(),
                Facts.settingsKey(r.settings()));
    }

    /** Equal in everything except the backend. */
    public boolean sameExceptBackend(ResultKey o) {
        return phase.equals(o.phase) && workload.equals(o.workload) && precision.equals(o.precision) && batch == o.batch
                && seqLen == o.seqLen && scenario.equals(o.scenario) && settings.equals(o.settings);
    }

    /** Why two keys differ, one phrase per field ("precision differs: fp32 vs int8"). */
    public List<String> differences(ResultKey o) {
        List<String> out = new ArrayList<>();
        diff(out, "phase", phase, o.phase);
        diff(out, "workload", workload, o.workload);
        diff(out, "precision", precision, o.precision);
        diff(out, "batch", Integer.toString(batch), Integer.toString(o.batch));
        diff(out, "sequence length", Integer.toString(seqLen), Integer.toString(o.seqLen));
        diff(out, "scenario", scenario, o.scenario);
        TreeSet<String> keys = new TreeSet<>(settings.keySet());
        keys.addAll(o.settings.keySet());
        for (String k : keys) {
            String a = settings.get(k);
            String b = o.settings.get(k);
            if (!Objects.equals(a, b)) {
                out.add("setting " + k + " differs: " + (a == null ? "unset" : a) + " vs " + (b == null ? "unset" : b));
            }
        }
        diff(out, "backend", backend, o.backend);
        return out;
    }

    private static void diff(List<String> out, String what, String a, String b) {
        if (!a.equals(b)) {
            out.add(what + " differs: " + a + " vs " + b);
        }
    }
}
