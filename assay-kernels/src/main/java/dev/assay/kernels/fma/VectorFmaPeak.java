package dev.assay.kernels.fma;

import dev.assay.kernels.Gang;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures FP32 FMA throughput per thread count. The kernel is first brought to C2 by calling
 * it many times with a short loop (Vector API code in the interpreter, C1 or an OSR compile of
 * one long loop boxes the loop-carried vectors and runs tens of times slower); then the
 * iteration count is calibrated to the requested time per repetition and the best repetition kept.
 */
public final class VectorFmaPeak {
    private VectorFmaPeak() {
    }

    /** Result at one thread count. */
    public record Point(int threads, double gflops, double bestSeconds, int repetitions) {
    }

    /** Measures each thread count with {@code repetitions} timed runs of about {@code secondsPerRep} each. */
    public static List<Point> measure(int[] threadCounts, int repetitions, double secondsPerRep) {
        if (repetitions < 1 || !(secondsPerRep > 0)) {
            throw new IllegalArgumentException("repetitions must be >= 1 and secondsPerRep > 0, were "
                    + repetitions + ", " + secondsPerRep);
        }
        long iterations = calibrate(secondsPerRep);
        List<Point> points = new ArrayList<>();
        float[] sink = new float[1];
        for (int threads : threadCounts) {
            float[] results = new float[threads];
            long best = Long.MAX_VALUE;
            try (Gang gang = new Gang(threads)) {
                for (int rep = 0; rep < repetitions; rep++) {
                    long nanos = gang.run(w -> results[w] = FmaKernel.run(iterations, 1f + w));
                    best = Math.min(best, nanos);
                }
            }
            for (float r : results) {
                sink[0] += r;
            }
            double seconds = best / 1e9;
            points.add(new Point(threads, threads * FmaKernel.flops(iterations) / seconds / 1e9, seconds, repetitions));
        }
        if (!Float.isFinite(sink[0])) { // also keeps the results observably used
            throw new IllegalStateException("FMA kernel produced a non-finite value: " + sink[0]);
        }
        return points;
    }

    /** Warms the kernel up and returns the iteration count that takes about {@code seconds} on one thread. */
    static long calibrate(double seconds) {
        float sink = 0;
        // Enough short calls for a normal (non-OSR) C2 compile of run(); stop early once two
        // consecutive batches run at the same speed, and give up waiting after 2 s.
        long deadline = System.nanoTime() + 2_000_000_000L;
        double previous = 0;
        long batchIterations = 2_000;
        for (int batch = 0; System.nanoTime() < deadline; batch++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 200; i++) {
                sink += FmaKernel.run(batchIterations, 1f);
            }
            double rate = 200.0 * batchIterations / Math.max(1, System.nanoTime() - t0);
            if (batch >= 3 && previous > 0 && Math.abs(rate - previous) <= 0.05 * previous) {
                break;
            }
            previous = rate;
        }
        long probe = 1_000_000;
        long t0 = System.nanoTime();
        sink += FmaKernel.run(probe, 2f);
        double nanosPerIteration = Math.max(1, System.nanoTime() - t0) / (double) probe;
        if (!Float.isFinite(sink)) {
            throw new IllegalStateException("FMA kernel produced a non-finite value during warm-up");
        }
        return Math.max(10_000, (long) (seconds * 1e9 / nanosPerIteration));
    }

    /** Vector shape the kernel runs, e.g. {@code FloatVector 256-bit (8 lanes)}. */
    public static String shape() {
        return FmaKernel.shape();
    }

    /** Independent accumulator chains per thread. */
    public static int chains() {
        return FmaKernel.CHAINS;
    }
}
