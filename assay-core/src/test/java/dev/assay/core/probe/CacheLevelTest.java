package dev.assay.core.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheLevelTest {

    @Test
    void readsRecordedSysfsCacheTree() {
        List<CacheLevel> c = CacheLevel.readSysfs(Fixtures.dir(Fixtures.AMD).resolve(ExecutorProbe.CACHE_DIR));
        assertEquals(List.of(
                new CacheLevel(1, "Data", 32 * 1024, "0"),
                new CacheLevel(1, "Instruction", 32 * 1024, "0"),
                new CacheLevel(2, "Unified", 512 * 1024, "0"),
                new CacheLevel(3, "Unified", 32L * 1024 * 1024, "0-1")), c);
        Map<String, String> d = CacheLevel.describeAll(c);
        assertEquals(List.of("L1d", "L1i", "L2", "L3"), List.copyOf(d.keySet()));
        assertEquals("32 MiB per instance (33554432 bytes), shared by CPUs 0-1", d.get("L3"));
    }

    @Test
    void intelTreeHasItsOwnGeometry() {
        List<CacheLevel> c = CacheLevel.readSysfs(Fixtures.dir(Fixtures.INTEL).resolve(ExecutorProbe.CACHE_DIR));
        assertEquals(48 * 1024, c.getFirst().sizeBytes());
        assertEquals(105L * 1024 * 1024, c.getLast().sizeBytes());
        assertEquals("0-3", c.getLast().sharedCpuList());
    }

    @Test
    void missingTreeIsEmpty(@TempDir Path tmp) {
        assertTrue(CacheLevel.readSysfs(tmp.resolve("nope")).isEmpty());
    }

    @Test
    void sizeSuffixes() {
        assertEquals(32768, CacheLevel.parseSize("32K"));
        assertEquals(2L << 20, CacheLevel.parseSize("2M"));
        assertEquals(512, CacheLevel.parseSize("512"));
        assertThrows(NumberFormatException.class, () -> CacheLevel.parseSize("big"));
        assertThrows(IllegalArgumentException.class, () -> new CacheLevel(0, "Data", 1, "0"));
    }
}
