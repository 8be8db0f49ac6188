package dev.assay.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFileTest {
    @TempDir
    Path dir;

    /** A 3x2x2 image array with distinct values 0..11 and 250..255 to exercise unsigned bytes. */
    static IdxFile.UbyteArray tinyImages() {
        byte[] data = new byte[12];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i < 6 ? i : 244 + i);
        }
        return new IdxFile.UbyteArray(new int[] {3, 2, 2}, data);
    }

    @Test
    void roundTripsPlainAndGzip() throws IOException {
        for (boolean gzip : new boolean[] {false, true}) {
            Path file = dir.resolve("images-" + gzip);
            IdxFile.write(file, tinyImages(), gzip);
            IdxFile.UbyteArray back = IdxFile.read(file);
            assertArrayEquals(new int[] {3, 2, 2}, back.dims());
            assertArrayEquals(tinyImages().data(), back.data());
            assertEquals(3, back.count());
            assertEquals(4, back.itemSize());
        }
    }

    @Test
    void parsesHandWrittenHeader() throws IOException {
        // Bytes written by hand, independent of the writer: magic 00 00 08 01, dim 3 big-endian, values.
        byte[] bytes = {0, 0, 8, 1, 0, 0, 0, 3, 7, (byte) 200, 9};
        IdxFile.UbyteArray a = IdxFile.read(new ByteArrayInputStream(bytes), "hand");
        assertArrayEquals(new int[] {3}, a.dims());
        assertEquals(200, a.data()[1] & 0xFF);
    }

    @Test
    void rejectsBadMagicTypeAndTruncation() throws IOException {
        IOException magic = assertThrows(IOException.class,
                () -> IdxFile.read(new ByteArrayInputStream(new byte[] {1, 0, 8, 1, 0, 0, 0, 1, 5}), "m"));
        assertTrue(magic.getMessage().contains("not an IDX file"), magic.getMessage());
        IOException type = assertThrows(IOException.class,
                () -> IdxFile.read(new ByteArrayInputStream(new byte[] {0, 0, 0x0D, 1, 0, 0, 0, 1, 5}), "t"));
        assertTrue(type.getMessage().contains("not supported"), type.getMessage());
        Path file = dir.resolve("cut");
        IdxFile.write(file, tinyImages(), false);
        byte[] all = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(all, all.length - 3));
        IOException cut = assertThrows(IOException.class, () -> IdxFile.read(file));
        assertTrue(cut.getMessage().contains("truncated"), cut.getMessage());
    }

    @Test
    void recordValidatesLength() {
        assertThrows(IllegalArgumentException.class, () -> new IdxFile.UbyteArray(new int[] {2, 2}, new byte[3]));
    }
}
