package dev.assay.api.loadgen;

/**
 * The data a workload is fed from. Loading happens outside the timed region; the
 * generator only hands out indices of loaded samples.
 */
public interface QuerySampleLibrary {
    String name();

    /** All samples the library could provide. */
    int totalSampleCount();

    /** How many samples fit in memory at once; the generator cycles through these. */
    int performanceSampleCount();

    /** Loads the given samples into memory (untimed). */
    void loadSamples(int[] indices);

    /** Releases them. */
    void unloadSamples(int[] indices);
}
