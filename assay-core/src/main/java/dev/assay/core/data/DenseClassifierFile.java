package dev.assay.core.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.bundle.AtomicFiles;
import dev.assay.core.bundle.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code assay-dense-v1} export of a trained dense classifier: a folder with
 * {@code model.json} and one little-endian float32 raw file per weight and bias.
 *
 * <pre>
 * {"format":"assay-dense-v1","input":{"shape":[784],"scale":"pixels/255"},
 *  "layers":[{"type":"dense","in":784,"out":256,"activation":"relu","weight":"w0.bin","bias":"b0.bin"}, ...,
 *            {..., "activation":"none"}],
 *  "classes":10,"test_accuracy":0.87}
 * </pre>
 *
 * Weights are laid out {@code [in][out]} row-major so that {@code y = x·W + b}. Training
 * backends write it; the ONNX builder reads it to measure real test-set accuracy per precision.
 */
public final class DenseClassifierFile {
    /** Format id written into model.json. */
    public static final String FORMAT = "assay-dense-v1";
    /** File name of the descriptor inside the export folder. */
    public static final String DESCRIPTOR = "model.json";

    private DenseClassifierFile() {
    }

    /** Activation applied after a layer's affine map. */
    public enum Activation {
        RELU, NONE;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Activation parse(String id) throws IOException {
            for (Activation a : values()) {
                if (a.id().equals(id)) {
                    return a;
                }
            }
            throw new IOException("unknown activation '" + id + "' (allowed: relu, none)");
        }
    }

    /**
     * One dense layer.
     *
     * @param in         input width
     * @param out        output width
     * @param activation activation after {@code x·W + b}
     * @param weight     {@code in * out} values, {@code [in][out]} row-major
     * @param bias       {@code out} values
     */
    public record Layer(int in, int out, Activation activation, float[] weight, float[] bias) {
        public Layer {
            if (in < 1 || out < 1) {
                throw new IllegalArgumentException("layer size must be >= 1x1, was " + in + "x" + out);
            }
            if (weight.length != in * out) {
                throw new IllegalArgumentException("weight has " + weight.length + " values, expected in*out = "
                        + (long) in * out);
            }
            if (bias.length != out) {
                throw new IllegalArgumentException("bias has " + bias.length + " values, expected " + out);
            }
        }
    }

    /**
     * A loaded classifier.
     *
     * @param layers       the layers in order; the first takes the input, the last gives logits
     * @param classes      number of classes (= last layer's width)
     * @param testAccuracy test accuracy recorded by the trainer at export time
     */
    public record DenseClassifier(List<Layer> layers, int classes, double testAccuracy) {
        public DenseClassifier {
            layers = List.copyOf(layers);
            if (layers.isEmpty()) {
                throw new IllegalArgumentException("a dense classifier needs at least one layer");
            }
            for (int i = 1; i < layers.size(); i++) {
                if (layers.get(i).in() != layers.get(i - 1).out()) {
                    throw new IllegalArgumentException("layer " + i + " takes " + layers.get(i).in()
                            + " inputs but layer " + (i - 1) + " gives " + layers.get(i - 1).out());
                }
            }
            if (layers.getLast().out() != classes) {
                throw new IllegalArgumentException("last layer gives " + layers.getLast().out() + " outputs but classes = "
                        + classes);
            }
            if (!(testAccuracy >= 0 && testAccuracy <= 1)) {
                throw new IllegalArgumentException("test accuracy must be in [0, 1], was " + testAccuracy);
            }
        }

        /** Input width. */
        public int inputs() {
            return layers.getFirst().in();
        }

        /** Logits for one input, computed in plain Java (float32 accumulation, as the file stores). */
        public float[] logits(float[] x) {
            if (x.length != inputs()) {
                throw new IllegalArgumentException("input has " + x.length + " values, expected " + inputs());
            }
            float[] h = x;
            for (Layer layer : layers) {
                float[] y = layer.bias().clone();
                float[] w = layer.weight();
                int out = layer.out();
                for (int i = 0; i < layer.in(); i++) {
                    float xi = h[i];
                    if (xi == 0f) {
                        continue; // ReLU outputs and black pixels are often exactly zero
                    }
                    int row = i * out;
                    for (int j = 0; j < out; j++) {
                        y[j] += xi * w[row + j];
                    }
                }
                if (layer.activation() == Activation.RELU) {
                    for (int j = 0; j < out; j++) {
                        y[j] = Math.max(0f, y[j]);
                    }
                }
                h = y;
            }
            return h;
        }

        /** Index of the largest logit (first one on ties). */
        public int predict(float[] x) {
            float[] z = logits(x);
            int best = 0;
            for (int j = 1; j < z.length; j++) {
                if (z[j] > z[best]) {
                    best = j;
                }
            }
            return best;
        }

        /** Fraction of {@code data} classified correctly. */
        public double accuracy(LabelledImages data) {
            int correct = 0;
            for (int i = 0; i < data.size(); i++) {
                if (predict(data.images()[i]) == data.labels()[i]) {
                    correct++;
                }
            }
            return data.size() == 0 ? 0 : (double) correct / data.size();
        }
    }

    /** Writes {@code model} into {@code dir} (created if needed); the descriptor is written last, atomically. */
    public static void write(Path dir, DenseClassifier model) throws IOException {
        Files.createDirectories(dir);
        List<Map<String, Object>> layers = new ArrayList<>();
        for (int i = 0; i < model.layers().size(); i++) {
            Layer layer = model.layers().get(i);
            String w = "w" + i + ".bin";
            String b = "b" + i + ".bin";
            writeFloats(dir.resolve(w), layer.weight());
            writeFloats(dir.resolve(b), layer.bias());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("type", "dense");
            entry.put("in", layer.in());
            entry.put("out", layer.out());
            entry.put("activation", layer.activation().id());
            entry.put("weight", w);
            entry.put("bias", b);
            layers.add(entry);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("input", Map.of("shape", List.of(model.inputs()), "scale", "pixels/255"));
        root.put("layers", layers);
        root.put("classes", model.classes());
        root.put("test_accuracy", model.testAccuracy());
        AtomicFiles.write(dir.resolve(DESCRIPTOR), Json.pretty(root));
    }

    /** Reads an export folder; the message names the file and what is wrong. */
    public static DenseClassifier read(Path dir) throws IOException {
        Path descriptor = dir.resolve(DESCRIPTOR);
        JsonNode root = Json.mapper().readTree(descriptor.toFile());
        String format = root.path("format").asText("");
        if (!FORMAT.equals(format)) {
            throw new IOException(descriptor + ": format is '" + format + "', expected '" + FORMAT + "'");
        }
        List<Layer> layers = new ArrayList<>();
        for (JsonNode node : root.path("layers")) {
            if (!"dense".equals(node.path("type").asText())) {
                throw new IOException(descriptor + ": layer type '" + node.path("type").asText() + "' is not dense");
            }
            int in = node.path("in").asInt();
            int out = node.path("out").asInt();
            float[] w = readFloats(dir.resolve(node.path("weight").asText()), (long) in * out);
            float[] b = readFloats(dir.resolve(node.path("bias").asText()), out);
            layers.add(new Layer(in, out, Activation.parse(node.path("activation").asText()), w, b));
        }
        try {
            return new DenseClassifier(layers, root.path("classes").asInt(), root.path("test_accuracy").asDouble(-1));
        } catch (IllegalArgumentException e) {
            throw new IOException(descriptor + ": " + e.getMessage(), e);
        }
    }

    private static void writeFloats(Path file, float[] values) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        AtomicFiles.write(file, buf.array());
    }

    private static float[] readFloats(Path file, long expected) throws IOException {
        long size = Files.size(file);
        if (size != expected * Float.BYTES) {
            throw new IOException(file + ": " + size + " bytes, expected " + expected * Float.BYTES + " (" + expected
                    + " float32 values)");
        }
        float[] out = new float[(int) expected];
        ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }
}
