package dev.assay.core.roofline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.api.AssayException;
import dev.assay.api.roofline.Effort;
import dev.assay.core.bundle.AtomicFiles;
import dev.assay.core.bundle.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RooflineCacheTest {
    @TempDir
    Path cache;

    @Test
    void aCachedMeasurementIsReusedForQuickRequests() throws Exception {
        RooflineCeilings stored = RooflineContextTest.ceilings();
        Path file = Roofline.cacheFile(cache, "fp-test");
        AtomicFiles.write(file, Json.pretty(stored.toJson()));
        List<String> log = new ArrayList<>();
        RooflineCeilings loaded = Roofline.loadOrMeasure("fp-test", Effort.QUICK, cache, false, log::add);
        assertEquals("cache " + file, loaded.origin());
        assertEquals(stored.peaks(), loaded.peaks());
        assertTrue(log.getFirst().startsWith("roofline: using cached quick measurement"), log.toString());
    }

    @Test
    void fingerprintsBecomeSafeFileNamesAndBlankIsBadInput() throws Exception {
        assertEquals(cache.resolve("sha256_ab12.json"), Roofline.cacheFile(cache, "sha256:ab12"));
        assertEquals(cache.resolve(".._.._etc.json"), Roofline.cacheFile(cache, "../../etc"));
        AssayException e = assertThrows(AssayException.class, () -> Roofline.cacheFile(cache, " "));
        assertEquals(AssayException.Kind.BAD_INPUT, e.kind());
        assertThrows(AssayException.class, () -> Roofline.cacheFile(cache, ".."));
    }

    @Test
    void measuringWithoutProvidersSaysWhatIsMissingAndWritesTheCache() throws Exception {
        // assay-core's own test class path has no bandwidth probe and no ceiling provider.
        Files.writeString(Roofline.cacheFile(cache, "fp-x"), "{ not json");
        RooflineCeilings c = Roofline.loadOrMeasure("fp-x", Effort.QUICK, cache, false, msg -> { });
        assertTrue(c.bandwidthGbs().isEmpty());
        assertTrue(c.bandwidthReason().contains("no bandwidth probe on the class path"), c.bandwidthReason());
        assertTrue(c.warnings().stream().anyMatch(w -> w.contains("unreadable") && w.contains("re-measured")), c.warnings().toString());
        RooflineCeilings reread = RooflineCeilings.fromJson(Json.read(Roofline.cacheFile(cache, "fp-x")), "cache");
        assertEquals("fp-x", reread.fingerprint());
        assertEquals(c.bandwidthReason(), reread.bandwidthReason());
    }
}
