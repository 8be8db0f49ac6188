package dev.assay.onnxruntime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.api.AssayException;
import dev.assay.api.Precision;
import dev.assay.api.backend.PreparedWorkload;
import dev.assay.api.backend.WorkloadRequest;
import dev.assay.onnxruntime.models.BuiltModel;
import dev.assay.onnxruntime.models.OnnxModels;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The assay-dense-v1 exchange format, on a small model written by this test. */
class DenseModelTest {
    static final int IN = 20;
    static final int HID = 12;
    static final int OUT = 4;

    static float[] random(SplittableRandom r, int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return f;
    }

    static void writeFloats(Path p, float[] v) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        Files.write(p, b.array());
    }

    static float[][] layers;

    static Path write(Path dir) throws Exception {
        SplittableRandom r = new SplittableRandom(5);
        layers = new float[][]{random(r, IN * HID), random(r, HID), random(r, HID * OUT), random(r, OUT)};
        writeFloats(dir.resolve("w0.bin"), layers[0]);
        writeFloats(dir.resolve("b0.bin"), layers[1]);
        writeFloats(dir.resolve("w1.bin"), layers[2]);
        writeFloats(dir.resolve("b1.bin"), layers[3]);
        Files.writeString(dir.resolve("model.json"), """
                {"format":"assay-dense-v1","input":{"shape":[20],"scale":"pixels/255"},
                 "layers":[{"type":"dense","in":20,"out":12,"activation":"relu","weight":"w0.bin","bias":"b0.bin"},
                           {"type":"dense","in":12,"out":4,"activation":"none","weight":"w1.bin","bias":"b1.bin"}],
                 "classes":4,"test_accuracy":0.5}""");
        return dir;
    }

    /** Reference forward pass in plain Java: y = relu(x W0 + b0) W1 + b1, W laid out [in][out]. */
    static int predict(float[] x) {
        float[] h = new float[HID];
        for (int j = 0; j < HID; j++) {
            float s = layers[1][j];
            for (int i = 0; i < IN; i++) {
                s += x[i] * layers[0][i * HID + j];
            }
            h[j] = Math.max(0, s);
        }
        int best = 0;
        float bestV = -Float.MAX_VALUE;
        for (int k = 0; k < OUT; k++) {
            float s = layers[3][k];
            for (int j = 0; j < HID; j++) {
                s += h[j] * layers[2][j * OUT + k];
            }
            if (s > bestV) {
                bestV = s;
                best = k;
            }
        }
        return best;
    }

    @Test
    void fromDenseMatchesAPlainJavaForwardPass(@TempDir Path dir) throws Exception {
        write(dir);
        BuiltModel m = OnnxModels.fromDense(dir.resolve("model.json"));
        assertEquals(false, m.synthetic());
        SplittableRandom r = new SplittableRandom(9);
        int n = 64;
        float[][] images = new float[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            images[i] = random(r, IN);
            labels[i] = predict(images[i]);
        }
        try (OrtBackend b = (OrtBackend) new OrtBackendProvider().create()) {
            WorkloadRequest fp32 = new WorkloadRequest("mlp-trained", null, Precision.FP32, 16, 0, 1, Map.of("weights", dir.toString()));
            Map<String, Object> acc = b.testSetAccuracy(fp32, images, labels);
            assertEquals(1.0, (double) acc.get("accuracy"), "labels are the model's own predictions");
            WorkloadRequest int8 = new WorkloadRequest("mlp-trained", null, Precision.INT8, 16, 0, 1, Map.of("weights", dir.toString()));
            Map<String, Object> q = b.testSetAccuracy(int8, images, labels);
            double a = (double) q.get("accuracy");
            assertTrue(a > 0.5 && a <= 1.0, "int8 accuracy " + a);
            assertEquals(a - 1.0, (double) q.get("delta_vs_fp32"), 1e-12);
            try (PreparedWorkload w = b.prepare(fp32)) {
                assertEquals("file", ((Map<?, ?>) w.disclosure().get("model")).get("source"));
            }
        }
    }

    @Test
    void missingWeightsOptionAndBadFilesAreBadInput(@TempDir Path dir) throws Exception {
        try (OrtBackend b = (OrtBackend) new OrtBackendProvider().create()) {
            AssayException e = assertThrows(AssayException.class,
                    () -> b.prepare(new WorkloadRequest("mlp-trained", null, Precision.FP32, 1, 0, 1, Map.of())));
            assertEquals(AssayException.Kind.BAD_INPUT, e.kind());
            write(dir);
            Files.write(dir.resolve("w1.bin"), new byte[12]);
            AssayException e2 = assertThrows(AssayException.class, () -> OnnxModels.fromDense(dir));
            assertEquals(AssayException.Kind.BAD_INPUT, e2.kind());
            assertTrue(e2.getMessage().contains("w1.bin"), e2.getMessage());
        }
    }
}
