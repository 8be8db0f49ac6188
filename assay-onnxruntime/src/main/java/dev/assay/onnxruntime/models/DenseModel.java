package dev.assay.onnxruntime.models;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.api.AssayException;
import dev.assay.core.bundle.Json;
import dev.assay.onnxruntime.onnx.DataType;
import dev.assay.onnxruntime.onnx.Dim;
import dev.assay.onnxruntime.onnx.GraphBuilder;
import dev.assay.onnxruntime.onnx.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads a trained dense classifier in the {@code assay-dense-v1} exchange format (written by
 * the DJL training backend) and turns it into an ONNX graph:
 *
 * <pre>{"format":"assay-dense-v1","input":{"shape":[784],"scale":"pixels/255"},
 *  "layers":[{"type":"dense","in":784,"out":256,"activation":"relu","weight":"w0.bin","bias":"b0.bin"},...],
 *  "classes":10,"test_accuracy":0.87}</pre>
 *
 * Weight files are little-endian float32, W laid out [in][out] row-major (y = x·W + b), which
 * is exactly ONNX MatMul's layout, so the bytes go into the initializers unchanged.
 */
public final class DenseModel {
    public static final String FORMAT = "assay-dense-v1";

    private DenseModel() {
    }

    /** Loads {@code path} (model.json or the folder holding it). */
    public static BuiltModel load(Path path) throws AssayException {
        Path json = Files.isDirectory(path) ? path.resolve("model.json") : path;
        if (!Files.isRegularFile(json)) {
            throw AssayException.badInput("dense model file not found: " + json);
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(json.toFile());
        } catch (IOException e) {
            throw AssayException.badInput("not a valid " + FORMAT + " model: " + json + ": " + firstLine(e.getMessage()));
        }
        if (!FORMAT.equals(root.path("format").asText())) {
            throw AssayException.badInput("not a " + FORMAT + " model: " + json + ": format is '" + root.path("format").asText() + "'");
        }
        JsonNode layers = root.path("layers");
        if (!layers.isArray() || layers.isEmpty()) {
            throw AssayException.badInput("model " + json + " has no layers");
        }
        Path dir = json.toAbsolutePath().getParent();
        int in0 = layers.get(0).path("in").asInt(-1);
        GraphBuilder g = new GraphBuilder("dense");
        String x = g.input("input", DataType.FLOAT, Dim.param("batch"), Dim.of(in0));
        // "pixels/255": inputs are scaled into [0, 1], which is what synthetic inputs mimic
        g.metadata(InputHints.INPUT + "input", "uniform:0:1");
        List<Integer> sizes = new ArrayList<>(List.of(in0));
        int prevOut = in0;
        for (int l = 0; l < layers.size(); l++) {
            JsonNode layer = layers.get(l);
            int in = layer.path("in").asInt(-1);
            int out = layer.path("out").asInt(-1);
            if (!"dense".equals(layer.path("type").asText()) || in < 1 || out < 1 || in != prevOut) {
                throw AssayException.badInput("model " + json + " layer " + l + ": expected a dense layer with in=" + prevOut
                        + " and out >= 1, got " + layer);
            }
            String wt = g.initializer(floatFile(dir, layer.path("weight").asText(), "fc" + l + ".weight", new long[]{in, out}));
            String b = g.initializer(floatFile(dir, layer.path("bias").asText(), "fc" + l + ".bias", new long[]{out}));
            x = g.op("Add", g.op("MatMul", x, wt), b);
            String act = layer.path("activation").asText("none");
            x = switch (act) {
                case "relu" -> g.op("Relu", x);
                case "tanh" -> g.op("Tanh", x);
                case "sigmoid" -> g.op("Sigmoid", x);
                case "none", "" -> x;
                default -> throw AssayException.badInput("model " + json + " layer " + l + ": unknown activation '" + act
                        + "' (allowed: relu, tanh, sigmoid, none)");
            };
            sizes.add(out);
            prevOut = out;
        }
        x = g.node("Identity").in(x).named("logits").out();
        g.output(x, DataType.FLOAT, Dim.param("batch"), Dim.of(prevOut));
        g.metadata(InputHints.OUTPUT + "logits", InputHints.CLASSIFIER);
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("layers", sizes);
        cfg.put("weights", json.toString());
        cfg.put("input_scale", root.path("input").path("scale").asText("unspecified"));
        if (root.has("test_accuracy")) {
            cfg.put("declared_test_accuracy", root.path("test_accuracy").asDouble());
        }
        return new BuiltModel(g.build(), ModelFamilies.MLP_TRAINED, "file", false, cfg);
    }

    private static Tensor floatFile(Path dir, String file, String name, long[] dims) throws AssayException {
        if (file == null || file.isBlank()) {
            throw AssayException.badInput("dense model layer tensor " + name + " names no file");
        }
        Path p = dir.resolve(file);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(p);
        } catch (IOException e) {
            throw AssayException.badInput("cannot read weight file " + p + ": " + e.getMessage());
        }
        long expect = Tensor.elementCount(dims) * 4;
        if (bytes.length != expect) {
            throw AssayException.badInput("weight file " + p + " holds " + bytes.length + " bytes, expected " + expect
                    + " (float32 " + java.util.Arrays.toString(dims) + ")");
        }
        // validate it is little-endian float data with no NaN/Inf slipping in from a broken export
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < bytes.length; i += 4) {
            if (!Float.isFinite(b.getFloat(i))) {
                throw AssayException.badInput("weight file " + p + " holds a non-finite value at element " + i / 4);
            }
        }
        return Tensor.ofBytes(name, DataType.FLOAT, dims, bytes);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
