package dev.assay.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.kernels.stream.CacheTopology;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheTopologyTest {
    static final Path EPYC = Path.of("src/test/resources/fixtures/epyc-kvm-2vcpu");

    @Test
    void sharedL3IsCountedOnceAcrossCpus() {
        CacheTopology.LastLevelCache llc = CacheTopology.read(EPYC);
        assertTrue(llc.known(), llc.source());
        assertEquals(3, llc.level());
        assertEquals(1, llc.instances());
        assertEquals(32L * 1024 * 1024, llc.totalBytes());
    }

    @Test
    void missingSysfsSaysWhy(@TempDir Path empty) {
        CacheTopology.LastLevelCache llc = CacheTopology.read(empty);
        assertFalse(llc.known());
        assertTrue(llc.source().startsWith("unknown:"), llc.source());
    }

    @Test
    void memAvailableIsReadInBytes() {
        long bytes = CacheTopology.memAvailable(EPYC);
        assertTrue(bytes > 1024L * 1024 * 1024, "recorded machine had > 1 GiB available, got " + bytes);
        assertEquals(0, bytes % 1024);
    }
}
