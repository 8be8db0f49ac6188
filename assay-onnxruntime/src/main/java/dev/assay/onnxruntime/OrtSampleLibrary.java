package dev.assay.onnxruntime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import dev.assay.api.loadgen.QuerySampleLibrary;
import dev.assay.onnxruntime.onnx.DataType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Generated input samples held as ready ORT tensors, created when loaded (outside the timed
 * region). Each sample is one full inference call's inputs at the batch size. The sample
 * count shrinks for large inputs (e.g. a long KV cache at batch 32) to stay within a memory budget.
 */
final class OrtSampleLibrary implements QuerySampleLibrary {
    /** Upper bound on the memory the loaded samples may take. */
    static final long MEMORY_BUDGET_BYTES = 256L << 20;
    static final int MAX_SAMPLES = 16;

    private final String name;
    private final OrtEnvironment env;
    private final InputFactory inputs;
    private final Map<String, DataType> types;
    private final long seed;
    private final int count;
    private final Map<Integer, Map<String, OnnxTensor>> loaded = new ConcurrentHashMap<>();

    OrtSampleLibrary(String name, OrtEnvironment env, InputFactory inputs, Map<String, DataType> types, long seed,
                     long bytesPerSample, int requested) {
        this.name = name;
        this.env = env;
        this.inputs = inputs;
        this.types = types;
        this.seed = seed;
        long fit = Math.max(1, MEMORY_BUDGET_BYTES / Math.max(1, bytesPerSample));
        this.count = (int) Math.max(1, Math.min(requested, fit));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int totalSampleCount() {
        return count;
    }

    @Override
    public int performanceSampleCount() {
        return count;
    }

    /** Seed of sample {@code index}: distinct per sample, reproducible from the run seed. */
    long sampleSeed(int index) {
        return seed * 31 + index;
    }

    @Override
    public void loadSamples(int[] indices) {
        for (int i : indices) {
            loaded.computeIfAbsent(i, this::create);
        }
    }

    private Map<String, OnnxTensor> create(int index) {
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("sample index " + index + " out of range [0, " + count + ")");
        }
        Map<String, OnnxTensor> m = new LinkedHashMap<>();
        try {
            for (InputFactory.Generated g : inputs.sample(sampleSeed(index)).values()) {
                m.put(g.name(), Tensors.create(env, g, types.get(g.name())));
            }
        } catch (OrtException e) {
            m.values().forEach(OnnxTensor::close);
            throw new IllegalStateException("cannot create input tensors for sample " + index + ": " + e.getMessage(), e);
        }
        return m;
    }

    @Override
    public void unloadSamples(int[] indices) {
        for (int i : indices) {
            Map<String, OnnxTensor> m = loaded.remove(i);
            if (m != null) {
                m.values().forEach(OnnxTensor::close);
            }
        }
    }

    /** The loaded sample (loading it on demand if the generator did not). */
    Map<String, OnnxTensor> sample(int index) {
        return loaded.computeIfAbsent(index, this::create);
    }

    void closeAll() {
        loaded.values().forEach(m -> m.values().forEach(OnnxTensor::close));
        loaded.clear();
    }
}
