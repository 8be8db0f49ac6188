package dev.assay.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.api.result.Metric;
import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void tQuantilesMatchTables() {
        assertEquals(12.7062, StudentT.quantile(0.975, 1), 1e-4);
        assertEquals(2.7764, StudentT.quantile(0.975, 4), 1e-4);
        assertEquals(2.0452, StudentT.quantile(0.975, 29), 1e-4);
        assertEquals(1.9623, StudentT.quantile(0.975, 1000), 1e-3);
        assertEquals(-2.7764, StudentT.quantile(0.025, 4), 1e-4);
        assertEquals(0.5, StudentT.cdf(0, 7), 1e-12);
    }

    @Test
    void repeatsGiveMeanWithT95Interval() {
        Metric.Estimate e = Repeats.summarise(new double[] {10, 12, 14}, "samples/s");
        assertEquals(12.0, e.value(), 1e-12);
        double half = 4.302653 * 2.0 / Math.sqrt(3); // t(0.975, 2) x s / sqrt(n), s = 2
        assertEquals(12 - half, e.ciLow(), 1e-5);
        assertEquals(12 + half, e.ciHigh(), 1e-5);
        assertEquals(0.95, e.confidence());
        assertEquals(3, e.repeats());
        assertEquals("samples/s", e.unit());
    }

    @Test
    void oneRepeatHasNoInterval() {
        assertThrows(IllegalArgumentException.class, () -> Repeats.summarise(new double[] {5}, "x"));
        Metric.NotMeasured nm = assertInstanceOf(Metric.NotMeasured.class, Repeats.summariseOrExplain(new double[] {5}, "x"));
        assertTrue(nm.reason().contains(">= 2 repeats"), nm.reason());
        assertThrows(IllegalArgumentException.class, () -> Repeats.summarise(new double[] {1, Double.NaN}, "x"));
    }

    @Test
    void peakAndBestAreSeparateFromTheMean() {
        double[] v = {90, 100, 95};
        assertEquals(100.0, Repeats.peak(v, "x").value());
        assertEquals(90.0, Repeats.best(v, "ms").value());
        assertEquals(Math.sqrt(25.0) / 95, Repeats.coefficientOfVariation(v), 1e-12);
    }

    @Test
    void warmUpIsExcludedAndSustainedIsTheSteadyTailMean() {
        double[] w = {50, 70, 90, 100, 101, 99, 100, 100, 101};
        SteadyState s = SteadyState.detect(w, 0.02, 5);
        assertTrue(s.steady(), String.valueOf(s.reason()));
        assertEquals(3, s.warmupWindows());
        assertEquals((100 + 101 + 99 + 100 + 100 + 101) / 6.0, s.sustained(), 1e-12);
        assertEquals(101.0, s.peakWindow());
        assertEquals(9, s.windows());
    }

    @Test
    void aDriftingTailIsNotSteady() {
        double[] w = {100, 100, 100, 100, 100, 95, 90, 85, 80, 75};
        SteadyState s = SteadyState.detect(w, 0.02);
        assertFalse(s.steady());
        assertEquals(10, s.warmupWindows());
        assertTrue(Double.isNaN(s.sustained()));
        assertTrue(s.reason().startsWith("not steady: CV of the last 5 windows"), s.reason());
        assertEquals(100.0, s.peakWindow());
    }

    @Test
    void tooFewWindowsSaysHowManyAreNeeded() {
        SteadyState s = SteadyState.detect(new double[] {1, 2}, 0.05);
        assertFalse(s.steady());
        assertEquals("not steady: 2 window(s), need >= 5", s.reason());
        assertThrows(IllegalArgumentException.class, () -> SteadyState.detect(new double[] {1, -1, 2}, 0.05));
    }
}
