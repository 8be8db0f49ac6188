package dev.assay.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.api.roofline.BandwidthSample;
import dev.assay.api.roofline.StreamKernel;
import dev.assay.kernels.stream.StreamBench;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fast functional check on a small (cache-resident) array: the numbers are not bandwidth claims. */
class StreamBenchTest {
    @Test
    void smallArrayGivesPositiveFiniteRatesForEveryKernelAndThreadCount() {
        long elements = 100_003; // odd on purpose: exercises the scalar tail and uneven thread splits
        List<BandwidthSample> samples = StreamBench.run(elements, new int[] {1, 2}, 2);
        assertEquals(8, samples.size());
        for (BandwidthSample s : samples) {
            assertTrue(Double.isFinite(s.gbs()) && s.gbs() > 0, s.toString());
            long expectedBytes = s.kernel().arraysTouched() * 8L * elements;
            assertEquals(expectedBytes, s.bytes(), "STREAM byte counting for " + s.kernel());
        }
        assertEquals(3 * 8L * elements, samples.stream().filter(s -> s.kernel() == StreamKernel.TRIAD)
                .findFirst().orElseThrow().bytes());
    }
}
