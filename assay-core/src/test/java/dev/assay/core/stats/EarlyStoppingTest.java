package dev.assay.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EarlyStoppingTest {
    @Test
    void minimumQueryCountsMatchMlperf() {
        // metrics.md: p90 -> 64, p99 -> 662, p99.9 -> 6636 (confidence 0.99, tolerance 0).
        assertEquals(64, EarlyStopping.forPercentile(0.90).minimumQueries());
        assertEquals(662, EarlyStopping.forPercentile(0.99).minimumQueries());
        assertEquals(6636, EarlyStopping.forPercentile(0.999).minimumQueries());
    }

    @Test
    void zeroOverBoundNeedsPToTheHBelowOnePercent() {
        // t = 0: I_p(h, 1) = p^h <= 0.01  =>  h = ceil(ln 0.01 / ln p).
        assertEquals((long) Math.ceil(Math.log(0.01) / Math.log(0.9)), EarlyStopping.forPercentile(0.9).h(0));
        assertEquals((long) Math.ceil(Math.log(0.01) / Math.log(0.99)), EarlyStopping.forPercentile(0.99).h(0));
    }

    @Test
    void hIsTheSmallestAcceptedCount() {
        EarlyStopping es = EarlyStopping.forPercentile(0.99);
        for (long t : new long[] {0, 1, 5, 40, 300}) {
            long h = es.h(t);
            assertTrue(es.upperTail(h, t) <= 0.01, "h(" + t + ") must be accepted");
            assertTrue(es.upperTail(h - 1, t) > 0.01, "h(" + t + ") - 1 must be rejected");
        }
    }

    @Test
    void exactSumAndContinuedFractionAgree() {
        double p = 0.99;
        for (long t : new long[] {10, 100, 1000, 4000}) {
            for (long h : new long[] {t * 99, t * 110, t * 130}) {
                double exact = EarlyStopping.atMostFailures(h + t, t, 1 - p);
                double beta = Beta.regularizedIncomplete(p, h, t + 1);
                assertEquals(exact, beta, Math.max(1e-12, exact * 1e-8), "t=" + t + " h=" + h);
            }
        }
    }

    @Test
    void largeCountsUseTheBetaFunctionAndStayMonotone() {
        EarlyStopping es = EarlyStopping.forPercentile(0.99);
        long previous = 0;
        for (long t : new long[] {4_999, 5_001, 20_000, 200_000}) {
            long required = es.requiredQueries(t);
            assertTrue(required > previous, "required queries must grow with t");
            // Roughly t / (1 - p) plus a confidence margin of a few standard deviations.
            double expected = t / 0.01;
            assertTrue(required > expected && required < expected * 1.2, "t=" + t + " required=" + required);
            previous = required;
        }
    }

    @Test
    void estimateRankIsTheLargestFittingT() {
        EarlyStopping es = EarlyStopping.forPercentile(0.90);
        assertEquals(0, es.estimateRank(63));
        assertEquals(1, es.estimateRank(64));
        for (long q : new long[] {64, 100, 1000, 12_345, 1_000_000}) {
            long t = es.estimateRank(q);
            assertTrue(es.requiredQueries(t) <= q, "q=" + q);
            assertTrue(es.requiredQueries(t + 1) > q, "q=" + q);
        }
    }

    @Test
    void logGammaMatchesFactorials() {
        assertEquals(0.0, Beta.logGamma(1), 1e-14);
        assertEquals(Math.log(24), Beta.logGamma(5), 1e-13);
        assertEquals(Math.log(Math.sqrt(Math.PI)), Beta.logGamma(0.5), 1e-13);
        // Stirling check at a large argument: ln 100! = 363.73937555556347
        assertEquals(363.73937555556347, Beta.logGamma(101), 1e-9);
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(1.0, 0.99, 0));
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(0.9, 0.99, 0.95));
        assertThrows(IllegalArgumentException.class, () -> EarlyStopping.forPercentile(0.9).h(-1));
    }
}
