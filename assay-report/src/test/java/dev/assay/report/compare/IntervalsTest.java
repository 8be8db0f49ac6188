package dev.assay.report.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class IntervalsTest {
    private static Intervals.Ci ci(double lo, double hi, double conf) {
        return new Intervals.Ci(Optional.of(new Interval(lo, hi, conf, "test")), "");
    }

    @Test
    void ratioIntervalByIntervalArithmetic() {
        // A in [90, 110], B in [120, 130]: B/A - 1 in [120/110 - 1, 130/90 - 1]
        Comparison.Delta d = Compare.delta("throughput", "value", "samples/s", 100, 125, ci(90, 110, 0.95), ci(120, 130, 0.95));
        assertEquals(25.0, d.deltaPct(), 1e-9);
        assertEquals((120.0 / 110 - 1) * 100, d.ciLowPct(), 1e-9);
        assertEquals((130.0 / 90 - 1) * 100, d.ciHighPct(), 1e-9);
        assertEquals(0.90, d.confidence(), 1e-9, "Bonferroni: 1 - 0.05 - 0.05");
        assertTrue(d.significant());
        assertEquals("better", d.verdict());
    }

    @Test
    void overlappingIntervalsAreNotSignificant() {
        Comparison.Delta d = Compare.delta("latency", "p99", "ms", 10, 10.5, ci(9, 11, 0.975), ci(9.5, 11.5, 0.975));
        assertFalse(d.significant());
        assertEquals("no significant change", d.verdict());
        assertFalse(d.worse());
    }

    @Test
    void missingCiIsSaidNotGuessed() {
        Comparison.Delta d = Compare.delta("throughput", "value", "samples/s", 100, 50,
                Intervals.Ci.none("single run"), Intervals.Ci.none("single run"));
        assertEquals("no CI: single run", d.verdict());
        assertFalse(d.significant(), "a 50 % drop without a CI is not declared significant");
        assertTrue(Double.isNaN(d.ciLowPct()));
    }

    @Test
    void directionsFromNames() {
        assertEquals(Direction.LOWER_IS_BETTER, Direction.of("latency"));
        assertEquals(Direction.LOWER_IS_BETTER, Direction.of("time_to_quality"));
        assertEquals(Direction.HIGHER_IS_BETTER, Direction.of("throughput"));
        assertEquals(Direction.HIGHER_IS_BETTER, Direction.of("samples_per_s"));
        assertEquals(Direction.UNKNOWN, Direction.of("scheduled_rate"));
    }
}
