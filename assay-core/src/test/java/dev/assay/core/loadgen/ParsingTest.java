package dev.assay.core.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.api.AssayException;
import dev.assay.api.loadgen.Arrival;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParsingTest {
    @Test
    void durations() throws AssayException {
        assertEquals(Duration.ofSeconds(30), Durations.parse("--duration", "30s"));
        assertEquals(Duration.ofMillis(10), Durations.parse("--latency-bound", "10ms"));
        assertEquals(Duration.ofNanos(500_000), Durations.parse("x", "500us"));
        assertEquals(Duration.ofNanos(1_500_000), Durations.parse("x", "1.5ms"));
        assertEquals(Duration.ofMinutes(2), Durations.parse("x", "2m"));
        for (String bad : new String[] {"", "10", "ms", "-1s", "1 parsec", "1e3s"}) {
            AssayException e = assertThrows(AssayException.class, () -> Durations.parse("--duration", bad));
            assertEquals(AssayException.Kind.BAD_INPUT, e.kind());
            assertTrue(e.getMessage().startsWith("--duration"), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"));
        }
        assertEquals("1.5 ms", Durations.format(Duration.ofNanos(1_500_000)));
    }

    @Test
    void arrivals(@TempDir Path dir) throws Exception {
        assertInstanceOf(Arrival.Poisson.class, Arrivals.parse("poisson"));
        assertInstanceOf(Arrival.Constant.class, Arrivals.parse("Constant"));
        assertEquals(new Arrival.Gamma(4.0), Arrivals.parse("gamma:4"));
        Path trace = dir.resolve("arrivals.txt");
        Files.writeString(trace, "# offsets in seconds\n0\n0.5\n\n2.25\n");
        Arrival.Trace t = (Arrival.Trace) Arrivals.parse("trace:" + trace);
        assertEquals(List.of(0L, 500_000_000L, 2_250_000_000L), t.offsetsNanos());
        for (String bad : new String[] {"burst", "gamma:x", "gamma:0", "gamma:-2", "trace:" + dir.resolve("missing")}) {
            AssayException e = assertThrows(AssayException.class, () -> Arrivals.parse(bad), bad);
            assertEquals(AssayException.Kind.BAD_INPUT, e.kind());
        }
        Files.writeString(trace, "1\n0.5\n");
        assertTrue(assertThrows(AssayException.class, () -> Arrivals.readTrace(trace)).getMessage().contains("line 2"));
    }

    @Test
    void percentileLabels() {
        assertEquals("p90", LoadGenResult.percentileLabel(0.9));
        assertEquals("p99", LoadGenResult.percentileLabel(0.99));
        assertEquals("p999", LoadGenResult.percentileLabel(0.999));
        assertEquals("p50", LoadGenResult.percentileLabel(0.5));
    }

    @Test
    void settingsValidateTheirRanges() {
        var s = TestSettings.of(new dev.assay.api.loadgen.Scenario.SingleStream(), Duration.ofSeconds(1));
        assertThrows(IllegalArgumentException.class, () -> s.withMinQueries(0));
        assertThrows(IllegalArgumentException.class, () -> s.withLatencyBound(Duration.ZERO, 0.99));
        assertThrows(IllegalArgumentException.class, () -> s.withLatencyBound(Duration.ofMillis(1), 1.0));
        assertThrows(IllegalArgumentException.class, () -> s.withDurations(Duration.ZERO, Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertEquals(0.9, s.percentile());
        assertEquals("single-stream", s.toMap().get("scenario"));
    }
}
