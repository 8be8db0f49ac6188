package dev.assay.core.roofline;

import dev.assay.api.result.Metric;
import dev.assay.api.result.Result;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Roofline context of a training step. FLOPs per step come from the training backend
 * ({@code details.flops_per_step}); bytes per step are modelled from the memory footprint it
 * reports, because no counter measures DRAM traffic here:
 * weights read in forward and backward and written by the update (3 W), gradients written
 * and read (2 G), optimiser state read and written (2 S), activations written in forward
 * and read in backward (2 A). This is a lower bound on traffic: it assumes every tensor
 * crosses memory once per use and ignores cache reuse across layers.
 */
public final class TrainingRoofline {
    /** The traffic model, stated in every block so nobody mistakes it for a measurement. */
    public static final String BYTES_MODEL = "3 x weights + 2 x gradients + 2 x optimiser state + 2 x activations per step";

    private TrainingRoofline() {
    }

    public static Map<String, Object> characterise(Result r, RooflineCeilings ceilings) {
        Double flops = value(r.details().get("flops_per_step"));
        Double w = bytes(r, "memory_weights");
        Double g = bytes(r, "memory_gradients");
        Double s = bytes(r, "memory_optimizer_state");
        Double a = bytes(r, "memory_activations");
        Double stepMs = r.metrics().get("step_time") instanceof Metric.Distribution d ? d.mean() : null;
        if (flops == null || w == null || g == null || s == null || a == null || stepMs == null || stepMs <= 0) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("not_computed", "the training result lacks flops_per_step, memory footprint or step time");
            return m;
        }
        double bytesPerStep = 3 * w + 2 * g + 2 * s + 2 * a;
        Map<String, Object> m = new LinkedHashMap<>(RooflineContext.characterise(flops, bytesPerStep, 1000.0 / stepMs,
                r.precision(), ceilings, r.backend()));
        m.put("bytes_model", BYTES_MODEL);
        m.put("steps_per_second_from", "mean step time");
        return m;
    }

    private static Double bytes(Result r, String metric) {
        return r.metrics().get(metric) instanceof Metric.Value v ? v.value() : null;
    }

    private static Double value(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        if (o instanceof Map<?, ?> m && m.get("value") instanceof Number n) {
            return n.doubleValue();
        }
        return null;
    }
}
