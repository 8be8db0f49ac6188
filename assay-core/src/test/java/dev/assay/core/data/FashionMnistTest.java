package dev.assay.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {
    @TempDir
    Path dir;

    /** Writes a tiny dataset (n train, n test images of 2x3) with labels i % 10, gzip as packaged. */
    static void writeTinyDataset(Path dir, int n, boolean gzip) throws IOException {
        String suffix = gzip ? ".gz" : "";
        byte[] pixels = new byte[n * 6];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 37);
        }
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 10);
        }
        for (String split : List.of("train", "t10k")) {
            IdxFile.write(dir.resolve(split + "-images-idx3-ubyte" + suffix),
                    new IdxFile.UbyteArray(new int[] {n, 2, 3}, pixels), gzip);
            IdxFile.write(dir.resolve(split + "-labels-idx1-ubyte" + suffix),
                    new IdxFile.UbyteArray(new int[] {n}, labels), gzip);
        }
    }

    @Test
    void loadsGeneratedFilesScaledToUnitRange() throws IOException {
        writeTinyDataset(dir, 12, true);
        FashionMnist.Dataset data = FashionMnist.load(dir);
        assertEquals(12, data.train().size());
        assertEquals(6, data.train().features());
        assertEquals(2, data.train().rows());
        assertEquals(3, data.train().cols());
        // pixel 1 of image 0 is (37 & 0xFF) / 255
        assertEquals(37 / 255f, data.train().images()[0][1], 1e-7);
        // pixel 7 = byte(7*37 = 259) = 3
        assertEquals(3 / 255f, data.train().images()[1][1], 1e-7);
        assertEquals(11 % 10, data.test().labels()[11]);
        assertTrue(data.describe().contains("12 train / 12 test"), data.describe());
    }

    @Test
    void overrideIsTheOnlyPlaceLookedAt() throws IOException {
        writeTinyDataset(dir, 4, false);
        FashionMnist.Location found = FashionMnist.locate(dir, null, List.of(), dir.resolve("none.list"));
        assertEquals(dir, found.folder().orElseThrow());
        Path empty = Files.createDirectory(dir.resolve("empty"));
        FashionMnist.Location absent = FashionMnist.locate(empty, null, List.of(dir), dir.resolve("none.list"));
        FashionMnist.Location.Absent a = assertInstanceOf(FashionMnist.Location.Absent.class, absent);
        assertTrue(a.reason().contains("missing train-images-idx3-ubyte[.gz]"), a.reason());
    }

    @Test
    void searchesEnvKnownDirsThenDpkgList() throws IOException {
        Path data = Files.createDirectories(dir.resolve("pkg/usr/share/fm"));
        writeTinyDataset(data, 4, true);
        Path nowhere = dir.resolve("nowhere");
        assertEquals(data, FashionMnist.locate(null, data.toString(), List.of(nowhere), nowhere).folder().orElseThrow());
        assertEquals(data, FashionMnist.locate(null, null, List.of(nowhere, data), nowhere).folder().orElseThrow());
        Path list = dir.resolve("dataset-fashion-mnist.list");
        Files.writeString(list, "/.\n/usr\n" + data + "\n" + data.resolve("train-images-idx3-ubyte.gz") + "\n");
        FashionMnist.Location viaDpkg = FashionMnist.locate(null, null, List.of(nowhere), list);
        assertEquals(data, viaDpkg.folder().orElseThrow());
        assertTrue(((FashionMnist.Location.Found) viaDpkg).how().contains("dpkg"));
    }

    @Test
    void absentReasonEndsWithInstallHint() {
        Path nowhere = dir.resolve("nowhere");
        FashionMnist.Location loc = FashionMnist.locate(null, null, List.of(nowhere), nowhere.resolve("x.list"));
        FashionMnist.Location.Absent a = assertInstanceOf(FashionMnist.Location.Absent.class, loc);
        assertTrue(a.reason().endsWith("install it with: sudo apt-get install dataset-fashion-mnist"), a.reason());
        assertTrue(a.reason().contains(nowhere.toString()), a.reason());
    }

    @Test
    void rejectsMismatchedCounts() throws IOException {
        writeTinyDataset(dir, 4, false);
        IdxFile.write(dir.resolve("t10k-labels-idx1-ubyte"), new IdxFile.UbyteArray(new int[] {3}, new byte[3]), false);
        IOException e = assertThrows(IOException.class, () -> FashionMnist.load(dir));
        assertTrue(e.getMessage().contains("4 images but 3 labels"), e.getMessage());
    }

    @Test
    void realPackageDataHasTheDocumentedShape() throws IOException {
        FashionMnist.Location loc = FashionMnist.locate(null);
        Assumptions.assumeTrue(loc instanceof FashionMnist.Location.Found,
                () -> "dataset not installed (" + FashionMnist.INSTALL_HINT + "): " + loc);
        FashionMnist.Dataset data = FashionMnist.load(loc.folder().orElseThrow());
        assertEquals(60000, data.train().size());
        assertEquals(10000, data.test().size());
        assertEquals(784, data.train().features());
        int[] perClass = new int[10];
        for (int y : data.test().labels()) {
            perClass[y]++;
        }
        for (int c = 0; c < 10; c++) {
            assertEquals(1000, perClass[c], "test images of class " + c);
        }
        float max = 0;
        for (float v : data.train().images()[0]) {
            assertTrue(v >= 0 && v <= 1);
            max = Math.max(max, v);
        }
        assertTrue(max > 0.5f, "first training image is not blank");
    }
}
