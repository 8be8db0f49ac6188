package dev.assay.onnxruntime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.assay.api.AssayException;
import dev.assay.onnxruntime.models.Options;
import dev.assay.onnxruntime.onnx.DataType;
import dev.assay.onnxruntime.onnx.Graph;
import dev.assay.onnxruntime.onnx.Model;
import dev.assay.onnxruntime.onnx.ValueInfo;
import dev.assay.onnxruntime.precision.DynamicQuantizer;
import dev.assay.onnxruntime.precision.FloatConverter;
import dev.assay.onnxruntime.precision.Int4Quantizer;
import dev.assay.onnxruntime.precision.QdqQuantizer;
import dev.assay.onnxruntime.precision.Variant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns an FP32 model into a precision variant, calibrating static INT8 with ORT itself. */
final class VariantBuilder {
    /** Option: per-output-channel INT8 weight scales (default false: per-tensor). */
    static final String INT8_PER_CHANNEL = "int8PerChannel";
    /** Option: 7-bit INT8 weights (default true) to avoid int16 saturation in u8s8 kernels on CPUs without VNNI. */
    static final String INT8_REDUCE_RANGE = "int8ReduceRange";
    /** Option: number of calibration samples (inference calls at the batch size) for static INT8 (default 32). */
    static final String CALIBRATION_SAMPLES = "calibrationSamples";
    /** Option: MatMulNBits block size (default 32). */
    static final String INT4_BLOCK = "int4BlockSize";
    /** Option: MatMulNBits accuracy_level (default 4 = int8 compute, ORT's recommendation for CPU). */
    static final String INT4_ACCURACY = "int4AccuracyLevel";
    /** Calibration inputs come from their own seed stream, never the measured samples. */
    static final long CALIBRATION_SEED_SALT = 0x5EEDCA11BL;

    /** A variant model and its recipe. */
    record Built(Model model, Map<String, Object> recipe) {
    }

    private VariantBuilder() {
    }

    static Built build(OrtEnvironment env, Model fp32, Variant v, InputFactory inputs, Map<String, String> options,
                       long seed, SessionConfig cfg) throws AssayException {
        Options o = new Options(options);
        return switch (v) {
            case FP32 -> new Built(fp32, Map.of("scheme", "reference fp32 (no conversion)"));
            case FP16 -> new Built(FloatConverter.convert(fp32, DataType.FLOAT16), FloatConverter.recipe(DataType.FLOAT16));
            case BF16 -> new Built(FloatConverter.convert(fp32, DataType.BFLOAT16), FloatConverter.recipe(DataType.BFLOAT16));
            case INT8_DYNAMIC -> {
                boolean reduce = o.bool(INT8_REDUCE_RANGE, true);
                yield new Built(DynamicQuantizer.quantize(fp32, reduce), DynamicQuantizer.recipe(reduce));
            }
            case INT4 -> {
                int block = o.integer(INT4_BLOCK, 32, 16, 256);
                if (Integer.bitCount(block) != 1) {
                    throw AssayException.badInput("option int4BlockSize=" + block + " must be a power of two (16..256)");
                }
                int level = o.integer(INT4_ACCURACY, 4, 0, 4);
                yield new Built(Int4Quantizer.quantize(fp32, block, level), Int4Quantizer.recipe(block, level));
            }
            case INT8_STATIC -> {
                boolean perChannel = o.bool(INT8_PER_CHANNEL, false);
                boolean reduce = o.bool(INT8_REDUCE_RANGE, true);
                int samples = o.integer(CALIBRATION_SAMPLES, 32, 1, 1024);
                QdqQuantizer.Plan plan = QdqQuantizer.plan(fp32);
                Map<String, float[]> ranges = calibrate(env, fp32, plan, inputs, samples, seed ^ CALIBRATION_SEED_SALT, cfg);
                yield new Built(QdqQuantizer.quantize(fp32, plan, ranges, perChannel, reduce),
                        QdqQuantizer.recipe(perChannel, reduce, samples, seed ^ CALIBRATION_SEED_SALT, plan));
            }
        };
    }

    /** Min/max of every planned activation over the calibration samples, observed by running the FP32 model. */
    static Map<String, float[]> calibrate(OrtEnvironment env, Model fp32, QdqQuantizer.Plan plan, InputFactory inputs,
                                          int samples, long seed, SessionConfig cfg) throws AssayException {
        Graph g = fp32.graph();
        java.util.Set<String> feeds = new java.util.HashSet<>();
        g.feedInputs().forEach(v -> feeds.add(v.name()));
        java.util.Set<String> outs = new java.util.HashSet<>();
        g.outputs().forEach(v -> outs.add(v.name()));
        List<ValueInfo> extra = new ArrayList<>(g.outputs());
        for (String a : plan.activations()) {
            if (!feeds.contains(a) && !outs.contains(a)) {
                extra.add(new ValueInfo(a, DataType.FLOAT, null, null));
            }
        }
        Model probe = fp32.withGraph(new Graph(g.name(), g.nodes(), g.initializers(), g.inputs(), extra, g.valueInfo(), g.unknown()));
        Map<String, float[]> ranges = new HashMap<>();
        SessionConfig exact = new SessionConfig(cfg.intraOpThreads(), 1, "disable", false, true, true, null);
        Map<String, DataType> types = inputTypes(probe);
        try (OrtSession.SessionOptions so = exact.toOptions(); OrtSession s = env.createSession(probe.toBytes(), so)) {
            for (int i = 0; i < samples; i++) {
                Map<String, InputFactory.Generated> sample = inputs.sample(seed + i);
                Map<String, OnnxTensor> feed = new LinkedHashMap<>();
                try {
                    for (InputFactory.Generated gen : sample.values()) {
                        feed.put(gen.name(), Tensors.create(env, gen, types.get(gen.name())));
                        if (plan.activations().contains(gen.name()) && gen.floats() != null) {
                            widen(ranges, gen.name(), gen.floats());
                        }
                    }
                    try (OrtSession.Result r = s.run(feed)) {
                        for (Map.Entry<String, OnnxValue> e : r) {
                            if (plan.activations().contains(e.getKey())) {
                                float[] f = Tensors.readFloats(e.getValue());
                                if (f != null) {
                                    widen(ranges, e.getKey(), f);
                                }
                            }
                        }
                    }
                } finally {
                    feed.values().forEach(OnnxTensor::close);
                }
            }
        } catch (OrtException e) {
            throw AssayException.failure("int8 calibration run failed: " + e.getMessage(), e);
        }
        return ranges;
    }

    private static void widen(Map<String, float[]> ranges, String name, float[] values) {
        float[] r = ranges.computeIfAbsent(name, k -> new float[]{Float.MAX_VALUE, -Float.MAX_VALUE});
        for (float v : values) {
            if (v < r[0]) {
                r[0] = v;
            }
            if (v > r[1]) {
                r[1] = v;
            }
        }
    }

    static Map<String, DataType> inputTypes(Model m) {
        Map<String, DataType> t = new HashMap<>();
        for (ValueInfo v : m.graph().feedInputs()) {
            t.put(v.name(), v.elemType() == null ? DataType.FLOAT : v.elemType());
        }
        return t;
    }
}
