package dev.assay.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.bundle.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DenseClassifierFileTest {
    @TempDir
    Path dir;

    /** 2 -> 2 (relu) -> 2 (none); weights chosen so the arithmetic is checkable by hand. */
    static DenseClassifierFile.DenseClassifier tiny() {
        var l0 = new DenseClassifierFile.Layer(2, 2, DenseClassifierFile.Activation.RELU,
                new float[] {1, -1, 2, 0.5f}, new float[] {0, -10});
        var l1 = new DenseClassifierFile.Layer(2, 2, DenseClassifierFile.Activation.NONE,
                new float[] {1, 0, 0, 1}, new float[] {0.25f, 0});
        return new DenseClassifierFile.DenseClassifier(List.of(l0, l1), 2, 0.5);
    }

    @Test
    void computesXTimesWPlusB() {
        // x = [1, 2]: h = relu([1*1 + 2*2 + 0, 1*-1 + 2*0.5 - 10]) = [5, 0]; y = [5.25, 0]
        assertArrayEquals(new float[] {5.25f, 0f}, tiny().logits(new float[] {1, 2}), 1e-6f);
        assertEquals(0, tiny().predict(new float[] {1, 2}));
    }

    @Test
    void writesTheAgreedLayoutAndReadsItBack() throws IOException {
        DenseClassifierFile.write(dir, tiny());
        JsonNode root = Json.mapper().readTree(dir.resolve("model.json").toFile());
        assertEquals("assay-dense-v1", root.get("format").asText());
        assertEquals(2, root.at("/input/shape/0").asInt());
        assertEquals("pixels/255", root.at("/input/scale").asText());
        assertEquals("relu", root.at("/layers/0/activation").asText());
        assertEquals("none", root.at("/layers/1/activation").asText());
        assertEquals("w0.bin", root.at("/layers/0/weight").asText());
        // little-endian float32, [in][out] row-major: second value is W[0][1] = -1
        ByteBuffer w0 = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("w0.bin"))).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(16, w0.capacity());
        assertEquals(-1f, w0.getFloat(4));
        var back = DenseClassifierFile.read(dir);
        assertArrayEquals(tiny().layers().get(0).weight(), back.layers().get(0).weight());
        assertEquals(0.5, back.testAccuracy());
        assertArrayEquals(tiny().logits(new float[] {3, -1}), back.logits(new float[] {3, -1}));
    }

    @Test
    void rejectsWrongSizedWeightFile() throws IOException {
        DenseClassifierFile.write(dir, tiny());
        Files.write(dir.resolve("b1.bin"), new byte[4]);
        IOException e = assertThrows(IOException.class, () -> DenseClassifierFile.read(dir));
        assertTrue(e.getMessage().contains("expected 8"), e.getMessage());
    }
}
