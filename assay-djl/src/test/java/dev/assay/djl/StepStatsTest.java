package dev.assay.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.api.result.Metric;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepStatsTest {
    @Test
    void distributionAndRateFromStepTimes() {
        long[] nanos = new long[100];
        for (int i = 0; i < 100; i++) {
            nanos[i] = (i + 1) * 1_000_000L; // 1..100 ms
        }
        StepStats s = new StepStats(nanos);
        Metric.Distribution d = s.distribution();
        assertEquals(100, d.count());
        assertEquals(50, d.p50(), 0.05);
        assertEquals(90, d.p90(), 0.1);
        assertEquals(100, d.max(), 0.1);
        assertEquals(50.5, d.mean(), 0.05);
        // 64 samples per step, 100 steps in 5.05 s
        assertEquals(64 * 100 / 5.05, s.rate(64), 1e-9);
    }

    @Test
    void steadyWhenWindowsAgree() {
        long[] even = new long[40];
        java.util.Arrays.fill(even, 10_000_000L);
        Map<String, Object> steady = new StepStats(even).steadyState(1, 0.1);
        assertTrue((Boolean) steady.get("steady"));
        assertEquals(0.0, (Double) steady.get("cv"));
        long[] drift = even.clone();
        for (int i = 30; i < 40; i++) {
            drift[i] = 30_000_000L; // the last window is three times slower
        }
        assertFalse((Boolean) new StepStats(drift).steadyState(1, 0.1).get("steady"));
        long[] oneStray = even.clone();
        oneStray[5] = 500_000_000L; // a single 50x step (GC, scheduler) is not drift
        assertTrue((Boolean) new StepStats(oneStray).steadyState(1, 0.1).get("steady"));
        assertEquals(0.0, StepStats.coefficientOfVariation(List.of(5.0)));
    }
}
