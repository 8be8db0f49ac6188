package dev.assay.core.roofline;

import dev.assay.api.roofline.Ceiling;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Places one measured workload on the executor's roofline. Inputs are per call (one
 * inference or one training step): FLOPs (matmul/conv/attention work from the model graph) and
 * bytes moved (weights read once, activations in and out), and the achieved call rate.
 *
 * <pre>
 * arithmetic_intensity = flops / bytes                      (FLOP/byte)
 * ridge_point          = peak / bandwidth                   (FLOP/byte)
 * attainable_gflops    = min(peak, intensity x bandwidth)
 * achieved_gflops      = flops x calls per second / 1e9
 * achieved_fraction    = achieved / attainable
 * bound                = memory-bound when intensity &lt; ridge point, else compute-bound
 * </pre>
 *
 * A value that cannot be computed is the string {@code "not computed: <reason>"}, never a guess.
 */
public final class RooflineContext {
    private RooflineContext() {
    }

    /** {@link #characterise(double, double, double, String, RooflineCeilings, String)} with the best ceiling of any runtime. */
    public static Map<String, Object> characterise(double flopsPerCall, double bytesPerCall, double callsPerSecond,
                                                   String precision, RooflineCeilings ceilings) {
        return characterise(flopsPerCall, bytesPerCall, callsPerSecond, precision, ceilings, null);
    }

    /**
     * The roofline block of one result.
     *
     * @param flopsPerCall   FLOPs of one call (inference or training step), > 0
     * @param bytesPerCall   bytes moved by one call, > 0
     * @param callsPerSecond achieved calls per second (NaN or <= 0 when unknown)
     * @param precision      precision id of the run ({@code fp32}, {@code int8}, ...)
     * @param ceilings       the executor's ceilings, or null when none were measured
     * @param runtimePrefix  prefer the ceiling measured through this runtime (e.g. {@code onnxruntime}); null for the best of all
     * @return JSON-friendly map: numbers where computed, "not computed: ..." strings where not
     */
    public static Map<String, Object> characterise(double flopsPerCall, double bytesPerCall, double callsPerSecond,
                                                   String precision, RooflineCeilings ceilings, String runtimePrefix) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("precision", precision);
        m.put("flops_per_call", finiteOrReason(flopsPerCall, "FLOPs per call unknown"));
        m.put("bytes_per_call", finiteOrReason(bytesPerCall, "bytes per call unknown"));

        Double intensity = flopsPerCall > 0 && bytesPerCall > 0 && Double.isFinite(flopsPerCall / bytesPerCall)
                ? flopsPerCall / bytesPerCall : null;
        m.put("arithmetic_intensity", intensity != null ? (Object) intensity
                : notComputed("needs FLOPs > 0 and bytes > 0 per call (got " + fmt(flopsPerCall) + " FLOPs, "
                        + fmt(bytesPerCall) + " bytes)"));

        Double achieved = flopsPerCall > 0 && callsPerSecond > 0 && Double.isFinite(flopsPerCall * callsPerSecond)
                ? flopsPerCall * callsPerSecond / 1e9 : null;
        m.put("achieved_gflops", achieved != null ? (Object) achieved
                : notComputed("needs FLOPs per call and an achieved call rate > 0 (got " + fmt(callsPerSecond) + "/s)"));

        Optional<Ceiling> peak = ceilings == null ? Optional.empty() : ceilings.peak(precision, runtimePrefix);
        Optional<Double> bandwidth = ceilings == null ? Optional.empty() : ceilings.bandwidthGbs();
        String peakMissing = ceilings == null ? "no roofline measured for this executor"
                : "no measured " + precision + " ceiling (" + ceilings.missingReason(precision) + ")";
        String bwMissing = ceilings == null ? "no roofline measured for this executor"
                : "memory bandwidth not measured (" + ceilings.bandwidthReason() + ")";

        m.put("peak_gflops", peak.isPresent() ? (Object) peak.get().gflops() : notComputed(peakMissing));
        m.put("peak_source", peak.isPresent()
                ? peak.get().runtime() + ": " + peak.get().method() + " [" + ceilings.origin() + ", "
                        + ceilings.effort().name().toLowerCase(Locale.ROOT) + ", " + ceilings.measuredAt() + "]"
                : notComputed(peakMissing));
        m.put("bandwidth_gbs", bandwidth.isPresent() ? (Object) bandwidth.get() : notComputed(bwMissing));

        Double ridge = peak.isPresent() && bandwidth.isPresent() ? peak.get().gflops() / bandwidth.get() : null;
        m.put("ridge_point", ridge != null ? (Object) ridge
                : notComputed(peak.isEmpty() ? peakMissing : bwMissing));

        Double attainable = null;
        String attainableMissing;
        if (intensity == null) {
            attainableMissing = "arithmetic intensity unknown";
        } else if (peak.isEmpty()) {
            attainableMissing = peakMissing;
        } else if (bandwidth.isEmpty()) {
            attainableMissing = bwMissing;
        } else {
            attainable = Math.min(peak.get().gflops(), intensity * bandwidth.get());
            attainableMissing = null;
        }
        m.put("attainable_gflops", attainable != null ? (Object) attainable : notComputed(attainableMissing));
        m.put("bound", ridge != null && intensity != null
                ? (intensity < ridge ? "memory-bound" : "compute-bound")
                : notComputed(intensity == null ? "arithmetic intensity unknown" : attainableMissing == null
                        ? "ridge point unknown" : attainableMissing));
        m.put("achieved_fraction", attainable != null && achieved != null ? (Object) (achieved / attainable)
                : notComputed(achieved == null ? "achieved GFLOP/s unknown" : attainableMissing));
        if (attainable != null && achieved != null && achieved > attainable) {
            // Above the DRAM roof is not a measurement error: the bytes model counts weights as read
            // from memory on every call, but a working set that fits in cache is re-read from cache.
            m.put("note", "achieved exceeds the DRAM-bandwidth roof: the working set (" + fmt(bytesPerCall / 1e6)
                    + " MB per call) is served from cache, so DRAM bandwidth is not this workload's limit here");
        }
        return m;
    }

    private static Object finiteOrReason(double v, String reason) {
        return Double.isFinite(v) && v > 0 ? (Object) v : notComputed(reason);
    }

    private static String notComputed(String reason) {
        return "not computed: " + reason;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
