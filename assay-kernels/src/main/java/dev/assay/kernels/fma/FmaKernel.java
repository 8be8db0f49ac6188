package dev.assay.kernels.fma;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * FP32 FMA throughput kernel. Twelve independent accumulator chains: an FMA has a latency of
 * about 4 cycles and current x86 cores issue two per cycle, so at least 8 chains must be in
 * flight to keep both pipes busy; 12 leaves margin and still fits the 16 AVX2 registers with
 * the two operands. Each FMA is {@code lanes} multiply-adds = {@code 2 * lanes} FLOPs.
 * The operands keep the accumulators finite and non-denormal (x * 0.999999 + 1e-7 converges
 * towards 0.1), so no slow path is ever hit.
 */
final class FmaKernel {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** Independent accumulator chains per thread. */
    static final int CHAINS = 12;

    private FmaKernel() {
    }

    /** FLOPs one call of {@link #run(long, float)} performs. */
    static double flops(long iterations) {
        return 2.0 * SPECIES.length() * CHAINS * iterations;
    }

    /**
     * Runs {@code iterations} rounds of {@link #CHAINS} independent FMAs and returns a value that
     * depends on every accumulator, so the JIT cannot drop the work.
     */
    static float run(long iterations, float seed) {
        FloatVector a = FloatVector.broadcast(SPECIES, 0.999999f);
        FloatVector b = FloatVector.broadcast(SPECIES, 1e-7f);
        FloatVector c0 = FloatVector.broadcast(SPECIES, seed);
        FloatVector c1 = c0.add(1f);
        FloatVector c2 = c0.add(2f);
        FloatVector c3 = c0.add(3f);
        FloatVector c4 = c0.add(4f);
        FloatVector c5 = c0.add(5f);
        FloatVector c6 = c0.add(6f);
        FloatVector c7 = c0.add(7f);
        FloatVector c8 = c0.add(8f);
        FloatVector c9 = c0.add(9f);
        FloatVector c10 = c0.add(10f);
        FloatVector c11 = c0.add(11f);
        for (long i = 0; i < iterations; i++) {
            c0 = c0.fma(a, b);
            c1 = c1.fma(a, b);
            c2 = c2.fma(a, b);
            c3 = c3.fma(a, b);
            c4 = c4.fma(a, b);
            c5 = c5.fma(a, b);
            c6 = c6.fma(a, b);
            c7 = c7.fma(a, b);
            c8 = c8.fma(a, b);
            c9 = c9.fma(a, b);
            c10 = c10.fma(a, b);
            c11 = c11.fma(a, b);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .reduceLanes(VectorOperators.ADD);
    }

    /** e.g. {@code FloatVector 256-bit (8 lanes)}. */
    static String shape() {
        return "FloatVector " + SPECIES.vectorBitSize() + "-bit (" + SPECIES.length() + " lanes)";
    }
}
