package dev.assay.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.api.result.Metric;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class TimeToQualityTest {
    private static OptionalDouble t(double s) {
        return OptionalDouble.of(s);
    }

    @Test
    void dropsFastestAndSlowestFromThreeOrMore() {
        TimeToQuality.Score s = TimeToQuality.score(List.of(t(10), t(30), t(12), t(11), t(20)), 0.85);
        Metric.Estimate e = assertInstanceOf(Metric.Estimate.class, s.metric());
        assertEquals((12 + 11 + 20) / 3.0, e.value(), 1e-12);
        assertEquals(5, e.repeats());
        assertEquals(List.of(0, 1), s.dropped().stream().sorted().toList());
        assertEquals(0.95, e.confidence());
        assertTrue(e.ciLow() < e.value() && e.value() < e.ciHigh());
        // half-width = t(0.975, 2) * sd / sqrt(3); sd of {11, 12, 20} = sqrt(73/3... ) computed here by hand
        double mean = 43 / 3.0;
        double sd = Math.sqrt(((11 - mean) * (11 - mean) + (12 - mean) * (12 - mean) + (20 - mean) * (20 - mean)) / 2);
        assertEquals(4.303 * sd / Math.sqrt(3), e.ciHigh() - e.value(), 1e-9);
    }

    @Test
    void threeRunsKeepTheMiddleOneAndReportTheRange() {
        Metric.Estimate e = assertInstanceOf(Metric.Estimate.class,
                TimeToQuality.score(List.of(t(5), t(9), t(7)), 0.85).metric());
        assertEquals(7, e.value());
        assertEquals(5, e.ciLow());
        assertEquals(9, e.ciHigh());
        assertEquals(0, e.confidence());
    }

    @Test
    void fewerThanThreeRunsDropNothing() {
        TimeToQuality.Score s = TimeToQuality.score(List.of(t(4), t(6)), 0.85);
        assertEquals(5, assertInstanceOf(Metric.Estimate.class, s.metric()).value());
        assertTrue(s.dropped().isEmpty());
    }

    @Test
    void aFailedRunCanOnlyBeTheDroppedSlowest() {
        Metric.Estimate ok = assertInstanceOf(Metric.Estimate.class,
                TimeToQuality.score(List.of(t(5), OptionalDouble.empty(), t(7)), 0.85).metric());
        assertEquals(7, ok.value());
        Metric.NotMeasured bad = assertInstanceOf(Metric.NotMeasured.class,
                TimeToQuality.score(List.of(t(5), OptionalDouble.empty(), OptionalDouble.empty()), 0.85).metric());
        assertTrue(bad.reason().contains("2 of 3 runs did not reach test accuracy 0.85"), bad.reason());
    }
}
