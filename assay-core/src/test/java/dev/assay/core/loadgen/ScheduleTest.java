package dev.assay.core.loadgen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.api.loadgen.Arrival;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleTest {
    private static long[] offsets(Arrival a, double qps, long seed, int n) {
        ArrivalGenerator g = new ArrivalGenerator(a, qps, seed);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = g.next();
        }
        return out;
    }

    @Test
    void sameSeedGivesTheSameSchedule() {
        for (Arrival a : List.of(new Arrival.Poisson(), new Arrival.Gamma(4), new Arrival.Gamma(0.25), new Arrival.Constant())) {
            assertArrayEquals(offsets(a, 800, 42, 10_000), offsets(a, 800, 42, 10_000), a.id());
        }
        SampleOrder x = new SampleOrder(42, 1000, 8);
        SampleOrder y = new SampleOrder(42, 1000, 8);
        for (long id = 0; id < 1000; id++) {
            assertArrayEquals(x.samples(id), y.samples(id));
        }
    }

    @Test
    void differentSeedsGiveDifferentSchedules() {
        assertFalse(Arrays.equals(offsets(new Arrival.Poisson(), 800, 1, 100), offsets(new Arrival.Poisson(), 800, 2, 100)));
        assertFalse(Arrays.equals(new SampleOrder(1, 1000, 4).samples(7), new SampleOrder(2, 1000, 4).samples(7)));
    }

    @Test
    void chunkingDoesNotChangeTheSequence() {
        long[] direct = offsets(new Arrival.Poisson(), 1000, 9, 50_000);
        // Tiny chunks and a prefill limit far below the run force the background refill path.
        try (OffsetSchedule s = new OffsetSchedule(new ArrivalGenerator(new Arrival.Poisson(), 1000, 9), 50_000, 1000, 3000)) {
            assertTrue(s.prefilled() <= 3000, "prefill is bounded");
            for (int i = 0; i < direct.length; i++) {
                assertEquals(direct[i], s.next(), "offset " + i);
            }
        }
        // Fully prefilled, then asked for more than the estimate: generated inline, same values.
        try (OffsetSchedule s = new OffsetSchedule(new ArrivalGenerator(new Arrival.Poisson(), 1000, 9), 20_000, 4096, 1 << 22)) {
            assertTrue(s.prefilled() >= 20_000 && s.prefilled() < 20_000 + 4096, "whole chunks up to the estimate");
            for (int i = 0; i < direct.length; i++) {
                assertEquals(direct[i], s.next(), "offset " + i);
            }
        }
    }

    @Test
    void memoryStaysBoundedWhateverTheRunLength() {
        // A "long" run: 2M offsets through a schedule allowed to hold 8 chunks of 4096 ahead.
        try (OffsetSchedule s = new OffsetSchedule(new ArrivalGenerator(new Arrival.Poisson(), 1e6, 3), Long.MAX_VALUE / 4, 4096, 8 * 4096)) {
            long last = -1;
            for (int i = 0; i < 2_000_000; i++) {
                long v = s.next();
                assertTrue(v >= last, "offsets never decrease");
                last = v;
            }
            assertTrue(s.chunksAllocated() <= 16, "chunks are recycled, allocated " + s.chunksAllocated());
        }
    }

    @Test
    void poissonHasTheTargetRateAndUnitCoefficientOfVariation() {
        double[] stats = gapStats(offsets(new Arrival.Poisson(), 500, 5, 200_001));
        assertEquals(2e6, stats[0], 2e6 * 0.01, "mean gap 2 ms");
        assertEquals(1.0, stats[1], 0.02, "squared coefficient of variation");
    }

    @Test
    void gammaHasTheRequestedBurstiness() {
        for (double b : new double[] {0.25, 4.0}) {
            double[] stats = gapStats(offsets(new Arrival.Gamma(b), 500, 5, 200_001));
            assertEquals(2e6, stats[0], 2e6 * 0.03, "mean gap, B=" + b);
            assertEquals(b, stats[1], b * 0.06, "squared coefficient of variation, B=" + b);
        }
    }

    @Test
    void constantIsEvenlySpacedWithoutDrift() {
        long[] o = offsets(new Arrival.Constant(), 3, 1, 3001);
        assertEquals(0, o[0]);
        assertEquals(333_333_333, o[1]);
        assertEquals(1_000_000_000_000L, o[3000]);
    }

    @Test
    void traceIsReplayedTimeScaledAndEnds() {
        Arrival.Trace t = new Arrival.Trace("t", List.of(1_000_000_000L, 1_500_000_000L, 3_000_000_000L));
        assertEquals(1.0, ArrivalGenerator.naturalRate(t), 1e-12);
        ArrivalGenerator g = new ArrivalGenerator(t, 2.0, 1);
        assertEquals(0, g.next());
        assertEquals(250_000_000, g.next());
        assertEquals(1_000_000_000, g.next());
        assertEquals(-1, g.next());
        assertEquals(-1, g.next());
    }

    @Test
    void sampleIndicesStayInRangeAndCoverIt() {
        SampleOrder o = new SampleOrder(11, 10, 1);
        int[] seen = new int[10];
        for (long id = 0; id < 10_000; id++) {
            int s = o.samples(id)[0];
            assertTrue(s >= 0 && s < 10);
            seen[s]++;
        }
        for (int c : seen) {
            assertEquals(1000, c, 150);
        }
    }

    /** [mean gap, squared coefficient of variation]. */
    private static double[] gapStats(long[] o) {
        int n = o.length - 1;
        double sum = 0;
        double sq = 0;
        for (int i = 1; i < o.length; i++) {
            double g = o[i] - o[i - 1];
            sum += g;
            sq += g * g;
        }
        double mean = sum / n;
        double var = sq / n - mean * mean;
        return new double[] {mean, var / (mean * mean)};
    }
}
