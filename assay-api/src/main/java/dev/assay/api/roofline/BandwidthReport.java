package dev.assay.api.roofline;

import java.util.List;

/**
 * What a {@link BandwidthProbe} measured.
 *
 * @param runtime     what ran the kernels, e.g. {@code java 25 Vector API (DoubleVector 256-bit)}
 * @param method      how: array placement, repetitions, element type
 * @param arrayBytes  bytes per array
 * @param llcBytes    sum of the last-level caches the array size was chosen against, or -1 when unknown
 * @param llcSource   where {@code llcBytes} came from, or why it is unknown
 * @param samples     best result per kernel and thread count
 * @param warnings    e.g. arrays smaller than 4x the last-level cache because memory was short
 */
public record BandwidthReport(String runtime, String method, long arrayBytes, long llcBytes, String llcSource,
                              List<BandwidthSample> samples, List<String> warnings) {
    public BandwidthReport {
        if (samples == null || samples.isEmpty()) {
            throw new IllegalArgumentException("a bandwidth report needs at least one sample");
        }
        if (arrayBytes <= 0) {
            throw new IllegalArgumentException("arrayBytes must be > 0, was " + arrayBytes);
        }
        samples = List.copyOf(samples);
        warnings = List.copyOf(warnings);
    }

    /** The best sample of a kernel over all thread counts, or null if that kernel was not run. */
    public BandwidthSample best(StreamKernel kernel) {
        BandwidthSample best = null;
        for (BandwidthSample s : samples) {
            if (s.kernel() == kernel && (best == null || s.gbs() > best.gbs())) {
                best = s;
            }
        }
        return best;
    }
}
