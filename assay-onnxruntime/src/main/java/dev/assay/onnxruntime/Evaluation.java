package dev.assay.onnxruntime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.assay.api.AssayException;
import dev.assay.api.backend.WorkloadRequest;
import dev.assay.onnxruntime.models.BuiltModel;
import dev.assay.onnxruntime.onnx.DataType;
import dev.assay.onnxruntime.onnx.Model;
import dev.assay.onnxruntime.onnx.ValueInfo;
import dev.assay.onnxruntime.precision.Variant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Real test-set accuracy of a classifier at a precision (e.g. the trained Fashion-MNIST MLP
 * loaded with {@code mlp-trained weights=PATH}). Takes the data as arrays so any dataset
 * reader can feed it; the FP32 accuracy of the same model is computed alongside, so the
 * precision's accuracy cost is a difference of two measurements on the same data.
 */
public final class Evaluation {
    private Evaluation() {
    }

    /**
     * @param images one row per example, already scaled as the model expects (e.g. pixels/255)
     * @param labels class index per example
     * @return {@code accuracy}, {@code fp32_accuracy}, {@code delta_vs_fp32}, {@code examples}, {@code precision}, {@code variant}
     */
    public static Map<String, Object> testSet(OrtEnvironment env, WorkloadRequest request, float[][] images, int[] labels)
            throws AssayException {
        if (images.length != labels.length || images.length == 0) {
            throw AssayException.badInput("test set needs as many labels as images (got " + images.length + " images, "
                    + labels.length + " labels)");
        }
        SessionConfig cfg = SessionConfig.from(request.options());
        Variant variant = Variant.select(request.precision(), request.options());
        BuiltModel base = WorkloadPreparer.load(request);
        InputFactory inputs = new InputFactory(base.model(), request.batch(), request.seqLen());
        Model model = VariantBuilder.build(env, base.model(), variant, inputs, request.options(), request.seed(), cfg).model();
        double acc = top1(env, model, cfg, images, labels, request.batch(), variant);
        double ref = variant == Variant.FP32 ? acc : top1(env, base.model(), cfg, images, labels, request.batch(), Variant.FP32);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("precision", request.precision().id());
        m.put("variant", variant.id());
        m.put("examples", images.length);
        m.put("accuracy", acc);
        m.put("fp32_accuracy", ref);
        m.put("delta_vs_fp32", acc - ref);
        m.put("metric", "top-1 accuracy on the supplied labelled test set");
        return m;
    }

    static double top1(OrtEnvironment env, Model model, SessionConfig cfg, float[][] images, int[] labels, int batch,
                       Variant v) throws AssayException {
        if (model.graph().feedInputs().size() != 1) {
            throw AssayException.badInput("test-set accuracy needs a single-input classifier; model has "
                    + model.graph().feedInputs().size() + " inputs");
        }
        ValueInfo in = model.graph().feedInputs().get(0);
        DataType type = in.elemType();
        int width = images[0].length;
        int correct = 0;
        try (OrtSession.SessionOptions so = cfg.toOptions(); OrtSession s = env.createSession(model.toBytes(), so)) {
            for (int start = 0; start < images.length; start += batch) {
                int b = Math.min(batch, images.length - start);
                float[] flat = new float[b * width];
                for (int i = 0; i < b; i++) {
                    if (images[start + i].length != width) {
                        throw AssayException.badInput("image " + (start + i) + " has " + images[start + i].length + " values, expected " + width);
                    }
                    System.arraycopy(images[start + i], 0, flat, i * width, width);
                }
                var g = new InputFactory.Generated(in.name(), type, new long[]{b, width}, flat, null);
                try (OnnxTensor t = Tensors.create(env, g, type); OrtSession.Result r = s.run(Map.of(in.name(), t))) {
                    float[] logits = Tensors.readFloats(r.get(0));
                    int classes = logits.length / b;
                    for (int i = 0; i < b; i++) {
                        int best = 0;
                        for (int c = 1; c < classes; c++) {
                            if (logits[i * classes + c] > logits[i * classes + best]) {
                                best = c;
                            }
                        }
                        if (best == labels[start + i]) {
                            correct++;
                        }
                    }
                }
            }
        } catch (OrtException e) {
            String msg = "onnxruntime CPU cannot run " + v.id() + ": " + WorkloadPreparer.oneLine(e.getMessage());
            throw v == Variant.FP32 ? AssayException.failure(msg, e) : AssayException.unsupported(msg);
        }
        return (double) correct / images.length;
    }
}
