package dev.assay.core.loadgen;

/**
 * Which library samples a query carries: a pure function of (seed, query id, position), so the
 * sample order is fixed by the seed before the run without storing it, and any thread can compute
 * it for any query (closed-loop streams issue from several threads).
 */
public final class SampleOrder {
    private final long seed;
    private final int sampleCount;
    private final int samplesPerQuery;

    /**
     * @param seed            schedule seed
     * @param sampleCount     number of loaded samples to draw from (indices 0..sampleCount-1)
     * @param samplesPerQuery samples per query (multi-stream N, else 1)
     */
    public SampleOrder(long seed, int sampleCount, int samplesPerQuery) {
        if (sampleCount < 1) {
            throw new IllegalArgumentException("the sample library must offer at least one sample, had " + sampleCount);
        }
        if (samplesPerQuery < 1) {
            throw new IllegalArgumentException("samples per query must be >= 1, was " + samplesPerQuery);
        }
        this.seed = seed;
        this.sampleCount = sampleCount;
        this.samplesPerQuery = samplesPerQuery;
    }

    /** The sample indices of query {@code queryId} (a new array: the SUT may keep it). */
    public int[] samples(long queryId) {
        int[] out = new int[samplesPerQuery];
        long base = queryId * samplesPerQuery;
        for (int j = 0; j < samplesPerQuery; j++) {
            out[j] = index(base + j);
        }
        return out;
    }

    private int index(long position) {
        long h = mix64(seed + 0x9E3779B97F4A7C15L * (position + 1));
        // Lemire's multiply-shift: uniform enough for sample choice, no division.
        return (int) (((h >>> 32) * sampleCount) >>> 32);
    }

    /** SplitMix64 finaliser: a bijective, well-mixed 64-bit hash. */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
