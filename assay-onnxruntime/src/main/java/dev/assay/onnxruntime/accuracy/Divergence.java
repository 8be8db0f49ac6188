package dev.assay.onnxruntime.accuracy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Numerical divergence of a reduced-precision output from the FP32 reference on the same
 * inputs: relative L2 error ||y - ref|| / ||ref||, maximum absolute error, and for
 * classifier outputs the fraction of rows whose arg-max (top-1 class) agrees.
 */
public final class Divergence {
    private double diffSq;
    private double refSq;
    private double maxAbs;
    private long rows;
    private long agree;
    private long values;
    private boolean nonFinite;

    /**
     * Adds one output pair.
     *
     * @param classes row length for top-1 agreement (the last dimension), or 0 to skip it
     */
    public void add(float[] reference, float[] output, int classes) {
        if (reference.length != output.length) {
            throw new IllegalArgumentException("output has " + output.length + " values, reference " + reference.length);
        }
        for (int i = 0; i < reference.length; i++) {
            double d = (double) output[i] - reference[i];
            if (!Double.isFinite(d)) {
                nonFinite = true;
                continue;
            }
            diffSq += d * d;
            refSq += (double) reference[i] * reference[i];
            maxAbs = Math.max(maxAbs, Math.abs(d));
        }
        values += reference.length;
        if (classes > 1 && reference.length % classes == 0) {
            for (int r = 0; r < reference.length / classes; r++) {
                rows++;
                if (argmax(reference, r * classes, classes) == argmax(output, r * classes, classes)) {
                    agree++;
                }
            }
        }
    }

    static int argmax(float[] v, int from, int len) {
        int best = 0;
        for (int i = 1; i < len; i++) {
            if (v[from + i] > v[from + best]) {
                best = i;
            }
        }
        return best;
    }

    public double relativeL2() {
        return refSq > 0 ? Math.sqrt(diffSq / refSq) : Math.sqrt(diffSq);
    }

    public double maxAbs() {
        return maxAbs;
    }

    /** Fraction of rows whose top-1 agrees, or NaN when not a classifier. */
    public double top1Agreement() {
        return rows == 0 ? Double.NaN : (double) agree / rows;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("relative_l2", relativeL2());
        m.put("max_abs", maxAbs);
        m.put("values_compared", values);
        if (rows > 0) {
            m.put("top1_agreement", top1Agreement());
            m.put("rows_compared", rows);
        }
        if (nonFinite) {
            m.put("non_finite", "the reduced-precision output held NaN or infinity (overflow)");
        }
        return m;
    }
}
