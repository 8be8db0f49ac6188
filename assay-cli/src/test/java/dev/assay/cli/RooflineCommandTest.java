package dev.assay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.api.roofline.BandwidthReport;
import dev.assay.api.roofline.BandwidthSample;
import dev.assay.api.roofline.Ceiling;
import dev.assay.api.roofline.CeilingOutcome;
import dev.assay.api.roofline.Effort;
import dev.assay.api.roofline.StreamKernel;
import dev.assay.core.backend.Backends;
import dev.assay.core.bundle.AtomicFiles;
import dev.assay.core.bundle.Json;
import dev.assay.core.probe.ExecutorProbe;
import dev.assay.core.roofline.IsaPeak;
import dev.assay.core.roofline.Roofline;
import dev.assay.core.roofline.RooflineCeilings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wiring of {@code assay roofline}: a cached roofline of this machine's fingerprint is found and
 * printed without re-measuring (the measurement itself is covered by the kernels' tests and by
 * the benchmark in BENCHMARKS.md).
 */
class RooflineCommandTest {
    @TempDir
    Path cache;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = AssayCli.execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private void cacheFor(String fingerprint) throws Exception {
        BandwidthReport bw = new BandwidthReport("test kernels", "test", 128L << 20, 32L << 20, "sysfs: L3", List.of(
                new BandwidthSample(StreamKernel.TRIAD, 2, 20.0, 0.02, 402_653_184L),
                new BandwidthSample(StreamKernel.COPY, 2, 18.0, 0.015, 268_435_456L)), List.of());
        RooflineCeilings c = new RooflineCeilings(fingerprint, Effort.FULL, "2026-01-01T00:00:00Z", "measured", bw, null,
                List.of(new CeilingOutcome.Measured(new Ceiling("fp32", 120.0, "onnxruntime 1.29.0", "MatMul 4096")),
                        new CeilingOutcome.NotMeasured("int8", "onnxruntime 1.29.0", "MatMulInteger unsupported")),
                new IsaPeak.Report(Map.of("fp32", new IsaPeak.Entry("fp32", 160.0, "2 cores x ...", null)), List.of("x")),
                List.of());
        AtomicFiles.write(Roofline.cacheFile(cache, fingerprint), Json.pretty(c.toJson()));
    }

    @Test
    void jsonComesFromTheCacheOfThisExecutor() throws Exception {
        String fp = ExecutorProbe.capture(Backends.collectSpecs().available()).fingerprint();
        cacheFor(fp);
        Run r = run("roofline", "--json", "--cache-dir", cache.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode j = Json.mapper().readTree(r.out());
        assertEquals(20.0, j.get("bandwidth_gbs").asDouble());
        assertEquals(120.0, j.at("/peak_gflops/fp32/value").asDouble());
        assertEquals("onnxruntime 1.29.0", j.at("/peak_gflops/fp32/runtime").asText());
        assertEquals(160.0, j.at("/peak_gflops/fp32/isa_peak_gflops").asDouble());
        assertEquals(fp, j.get("fingerprint").asText());
        assertTrue(r.err().contains("using cached full measurement"), r.err());
    }

    @Test
    void textShowsMeasuredBesideIsaPeakAndReasons() throws Exception {
        String fp = ExecutorProbe.capture(Backends.collectSpecs().available()).fingerprint();
        cacheFor(fp);
        Run r = run("roofline", "--cache-dir", cache.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("best triad 20.0 GB/s"), r.out());
        assertTrue(r.out().matches("(?s).*fp32\\s+120\\.0\\s+160\\.0\\s+75%\\s+onnxruntime 1\\.29\\.0: MatMul 4096.*"), r.out());
        assertTrue(r.out().contains("int8 ") && r.out().contains("not measured: MatMulInteger unsupported"), r.out());
    }

    @Test
    void unknownFlagIsBadInput() {
        Run r = run("roofline", "--fastest");
        assertEquals(AssayCli.BAD_INPUT, r.exit());
        assertTrue(r.err().startsWith("assay: "), r.err());
    }
}
