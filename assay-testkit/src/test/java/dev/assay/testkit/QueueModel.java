package dev.assay.testkit;

import dev.assay.api.loadgen.Arrival;
import dev.assay.api.loadgen.Query;
import dev.assay.core.loadgen.ArrivalGenerator;
import java.time.Duration;
import java.util.Arrays;

/**
 * The exact queue a run should realise, computed without a clock: the generator's seeded arrival
 * schedule fed through a FIFO k-server queue with the synthetic SUT's service draws for the same
 * query ids. Comparing a run against this path separates timing error (generator and OS) from
 * sampling noise (this seed's path against the theoretical distribution).
 */
final class QueueModel {
    private final double[] latencyMs;

    /** Latencies (ms) of the queries scheduled in [warmup, warmup + duration). */
    QueueModel(Arrival arrival, double qps, long seed, SyntheticSut servedBy, int servers, Duration warmup, Duration duration) {
        ArrivalGenerator g = new ArrivalGenerator(arrival, qps, seed);
        long from = warmup.toNanos();
        long to = from + duration.toNanos();
        long[] free = new long[servers];
        double[] out = new double[(int) (qps * (warmup.toNanos() + duration.toNanos()) / 1e9 * 1.5) + 1000];
        int n = 0;
        for (long id = 0; ; id++) {
            long at = g.next();
            if (at < 0 || at >= to) {
                break;
            }
            int j = 0;
            for (int i = 1; i < servers; i++) {
                if (free[i] < free[j]) {
                    j = i;
                }
            }
            long start = Math.max(at, free[j]);
            free[j] = start + servedBy.serviceNanos(new Query(id, new int[] {0}));
            if (at >= from) {
                out[n++] = (free[j] - at) / 1e6;
            }
        }
        latencyMs = Arrays.copyOf(out, n);
        Arrays.sort(latencyMs);
    }

    int count() {
        return latencyMs.length;
    }

    double mean() {
        return Arrays.stream(latencyMs).average().orElse(Double.NaN);
    }

    /** Nearest rank, as the generator reports. */
    double percentile(double p) {
        int rank = (int) Math.ceil(p * latencyMs.length);
        return latencyMs[Math.max(0, rank - 1)];
    }
}
