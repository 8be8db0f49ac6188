package dev.assay.onnxruntime.models;

import java.util.SplittableRandom;

/**
 * Deterministic-random weights: each tensor draws from its own stream seeded by the run seed
 * and the tensor name, so a tensor's values do not depend on the order tensors are built in
 * and the same seed always gives the same model.
 */
public final class SyntheticWeights {
    private final long seed;

    public SyntheticWeights(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    private SplittableRandom stream(String name) {
        long h = seed * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < name.length(); i++) {
            h = (h ^ name.charAt(i)) * 0x100000001B3L;
        }
        return new SplittableRandom(h);
    }

    /** Uniform values in [-bound, bound). */
    public float[] uniform(String name, int count, double bound) {
        SplittableRandom r = stream(name);
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            v[i] = (float) ((r.nextDouble() * 2 - 1) * bound);
        }
        return v;
    }

    /**
     * He-style initialisation (variance 2/fanIn) with a uniform law, which keeps activations
     * of deep ReLU stacks in range so reduced precisions are tested on realistic magnitudes.
     */
    public float[] he(String name, int count, int fanIn) {
        return uniform(name, count, Math.sqrt(3.0) * Math.sqrt(2.0 / fanIn));
    }

    /** Constant-filled tensor values (LayerNorm gamma etc.). */
    public static float[] filled(int count, float value) {
        float[] v = new float[count];
        java.util.Arrays.fill(v, value);
        return v;
    }
}
