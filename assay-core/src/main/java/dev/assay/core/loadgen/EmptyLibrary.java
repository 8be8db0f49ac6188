package dev.assay.core.loadgen;

import dev.assay.api.loadgen.QuerySampleLibrary;

/** A sample library with no data behind its indices, for systems under test that ignore inputs. */
public final class EmptyLibrary implements QuerySampleLibrary {
    private final int samples;

    public EmptyLibrary(int samples) {
        if (samples < 1) {
            throw new IllegalArgumentException("sample count must be >= 1, was " + samples);
        }
        this.samples = samples;
    }

    @Override
    public String name() {
        return "empty";
    }

    @Override
    public int totalSampleCount() {
        return samples;
    }

    @Override
    public int performanceSampleCount() {
        return samples;
    }

    @Override
    public void loadSamples(int[] indices) {
        // nothing to load
    }

    @Override
    public void unloadSamples(int[] indices) {
        // nothing to release
    }
}
