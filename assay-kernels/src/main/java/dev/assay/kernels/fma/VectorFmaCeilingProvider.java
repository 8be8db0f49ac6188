package dev.assay.kernels.fma;

import dev.assay.api.roofline.Ceiling;
import dev.assay.api.roofline.CeilingOutcome;
import dev.assay.api.roofline.CeilingProvider;
import dev.assay.api.roofline.Effort;
import dev.assay.kernels.VectorModule;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * FP32 vector-FMA peak as a {@link CeilingProvider}: the most FLOP/s the JVM's vector code can
 * issue on this host, per thread and on all threads. It is a register-only peak (no memory
 * traffic), the nearest measured stand-in for the ISA's theoretical FP32 peak.
 */
public final class VectorFmaCeilingProvider implements CeilingProvider {
    static final String RUNTIME = "java " + Runtime.version().feature() + " Vector API";

    @Override
    public String name() {
        return "vector-fma";
    }

    @Override
    public List<String> precisions() {
        return List.of("fp32");
    }

    @Override
    public List<CeilingOutcome> measure(Effort effort, int threads) {
        String absent = VectorModule.absenceReason();
        if (absent != null) {
            return List.of(new CeilingOutcome.NotMeasured("fp32", RUNTIME, absent));
        }
        try {
            int[] counts = threads == 1 ? new int[] {1} : new int[] {1, threads};
            int reps = effort == Effort.QUICK ? 3 : 7;
            double seconds = effort == Effort.QUICK ? 0.05 : 0.3;
            List<VectorFmaPeak.Point> points = VectorFmaPeak.measure(counts, reps, seconds);
            VectorFmaPeak.Point all = points.getLast();
            String perThread = points.stream()
                    .map(p -> String.format(Locale.ROOT, "%d thread(s): %.1f GFLOP/s", p.threads(), p.gflops()))
                    .collect(Collectors.joining("; "));
            String method = String.format(Locale.ROOT,
                    "%s FMA, %d independent accumulators per thread, register-only, best of %d x %.2f s; %s",
                    VectorFmaPeak.shape(), VectorFmaPeak.chains(), reps, seconds, perThread);
            return List.of(new CeilingOutcome.Measured(new Ceiling("fp32", all.gflops(), RUNTIME, method)));
        } catch (RuntimeException | LinkageError e) {
            return List.of(new CeilingOutcome.NotMeasured("fp32", RUNTIME, "vector FMA kernel failed: " + e));
        }
    }
}
