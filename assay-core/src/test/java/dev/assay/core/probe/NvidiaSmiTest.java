package dev.assay.core.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.api.spec.GpuSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NvidiaSmiTest {

    @Test
    void parsesRecordedH100Query() {
        List<GpuSpec> gpus = NvidiaSmi.parseQuery(Fixtures.text(Fixtures.H100, "query-gpu.csv"), "12.4");
        assertEquals(2, gpus.size());
        GpuSpec g = gpus.getFirst();
        assertEquals(0, g.index());
        assertEquals("NVIDIA H100 80GB HBM3", g.name());
        assertEquals("GPU-5a0f8a3c-7d21-4e9b-b3c4-1f2e3d4c5b6a", g.uuid());
        assertEquals("550.54.15", g.driverVersion());
        assertEquals("12.4", g.cudaVersion());
        assertEquals("9.0", g.computeCapability());
        assertEquals(81559, g.memoryMiB());
        assertEquals(700.0, g.powerLimitW());
        assertEquals(Map.of("smMHz", 345, "smMaxMHz", 1980, "memMHz", 2619, "memMaxMHz", 2619), g.clocks());
        assertEquals("Enabled", g.ecc());
        assertEquals("Disabled", g.mig());
        assertEquals("nvidia-smi", g.source());
        assertEquals(1, gpus.get(1).index());
    }

    @Test
    void cudaVersionFromBannerQueryAndNewDrivers() {
        assertEquals("12.4", NvidiaSmi.parseCudaVersion(Fixtures.text(Fixtures.H100, "nvidia-smi.txt")).orElseThrow());
        assertEquals("11.0", NvidiaSmi.parseCudaVersion("Driver Version                            : 450.80.02\n"
                + "CUDA Version                              : 11.0\n").orElseThrow());
        assertEquals("13.3", NvidiaSmi.parseCudaVersion(
                "| NVIDIA-SMI 610.43.02              KMD Version: 610.43.02     CUDA UMD Version: 13.3     |").orElseThrow());
        assertTrue(NvidiaSmi.parseCudaVersion("no banner here").isEmpty());
    }

    @Test
    void notReportedValuesBecomeNull() {
        List<GpuSpec> g = NvidiaSmi.parseQuery(
                "0, Tesla T4, GPU-1, 535.86.10, 15360, [N/A], 300, 1590, 405, 5001, Enabled, [N/A], 7.5\n", null);
        assertNull(g.getFirst().powerLimitW());
        assertNull(g.getFirst().mig());
        assertNull(g.getFirst().cudaVersion());
    }

    @Test
    void wrongColumnCountIsRejectedWithTheLine() {
        var e = assertThrows(IllegalArgumentException.class, () -> NvidiaSmi.parseQuery("0, H100, GPU-1\n", "12.4"));
        assertTrue(e.getMessage().contains("has 3 values, expected 13"), e.getMessage());
    }

    @Test
    void readsThroughRecordedRunner(@TempDir Path root) {
        NvidiaSmi.Reading r = NvidiaSmi.read(CommandRunner.recorded(Fixtures.intelH100Commands()), root);
        assertEquals(2, r.gpus().size());
        assertEquals("12.4", r.gpus().getFirst().cudaVersion());
        assertEquals("2 GPU(s) read via nvidia-smi", r.status());
    }

    @Test
    void noneFoundWhenNvidiaSmiIsMissing(@TempDir Path root) throws Exception {
        NvidiaSmi.Reading r = NvidiaSmi.read(CommandRunner.none(), root);
        assertTrue(r.gpus().isEmpty());
        assertEquals("none found (nvidia-smi not on PATH; no /dev/nvidia0)", r.status());

        Files.createDirectories(root.resolve("dev"));
        Files.createFile(root.resolve("dev/nvidia0"));
        assertTrue(NvidiaSmi.read(CommandRunner.none(), root).status().contains("/dev/nvidia0 exists"));
    }

    @Test
    void noneFoundWhenDriverIsNotLoaded(@TempDir Path root) {
        String msg = "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. "
                + "Make sure that the latest NVIDIA driver is installed and running.";
        NvidiaSmi.Reading r = NvidiaSmi.read(CommandRunner.recorded(Map.of(String.join(" ", NvidiaSmi.QUERY_COMMAND),
                new CommandOutcome.Completed(9, msg + "\n", ""))), root);
        assertTrue(r.gpus().isEmpty());
        assertEquals("none found (nvidia-smi exited 9: " + msg + ")", r.status());
    }

    @Test
    void cudaVersionUnknownIsSaid(@TempDir Path root) {
        NvidiaSmi.Reading r = NvidiaSmi.read(CommandRunner.recorded(Map.of(String.join(" ", NvidiaSmi.QUERY_COMMAND),
                Fixtures.ok(Fixtures.text(Fixtures.H100, "query-gpu.csv")))), root);
        assertEquals(2, r.gpus().size());
        assertNull(r.gpus().getFirst().cudaVersion());
        assertTrue(r.status().contains("CUDA driver version unknown"), r.status());
    }

    @Test
    void liveRunnerSaysNotOnPath() {
        CommandOutcome o = CommandRunner.system("/nonexistent-dir", java.time.Duration.ofSeconds(5))
                .run(List.of("nvidia-smi", "-L"));
        assertEquals(new CommandOutcome.NotFound("nvidia-smi not on PATH"), o);
    }
}
