package dev.assay.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.assay.api.Precision;
import dev.assay.api.backend.PreparedWorkload;
import dev.assay.api.backend.WorkloadRequest;
import dev.assay.api.loadgen.Arrival;
import dev.assay.api.loadgen.Scenario;
import dev.assay.api.result.Metric;
import dev.assay.core.loadgen.LoadGenResult;
import dev.assay.core.loadgen.LoadGenerator;
import dev.assay.core.loadgen.SaturationProbe;
import dev.assay.core.loadgen.SaturationResult;
import dev.assay.core.loadgen.SaturationSearch;
import dev.assay.core.loadgen.TestSettings;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Issue 3's acceptance numbers, checked directly against the engine through the synthetic backend
 * (the path {@code assay run --backend synthetic --service exp:1ms} takes). Minutes long, so only
 * with {@code -Dassay.calibration=true}:
 * <pre>mvn -pl assay-testkit -am test -Dtest=CalibrationTest -Dsurefire.failIfNoSpecifiedTests=false -Dassay.calibration=true</pre>
 * Optional: {@code -Dassay.calibration.seed=N}, {@code -Dassay.calibration.probe=20s}.
 *
 * <p>Both targets are sample statistics of a random queue: even a perfect generator misses
 * "p99 within 10% of 23.0 ms" in a 30 s run for about a third of seeds (M/M/1 at rho = 0.8 over
 * 24,000 queries: sd of the p99 estimate about 12%), so each run also prints the p99 of the SUT's
 * own ideal timeline for the same queries: the gap between the two is the generator's error.
 */
@EnabledIfSystemProperty(named = "assay.calibration", matches = "true")
class CalibrationTest {
    private static final long SEED = Long.getLong("assay.calibration.seed", 1);

    private static PreparedWorkload synthetic() throws Exception {
        return new SyntheticBackend().prepare(new WorkloadRequest("synthetic", null, Precision.FP32, 1, 0, SEED,
                Map.of("service", "exp:1ms", "servers", "1")));
    }

    @Test
    void server800QpsP99IsNear23Ms() throws Exception {
        try (PreparedWorkload w = synthetic()) {
            TestSettings s = TestSettings.of(new Scenario.Server(800, new Arrival.Poisson()), Duration.ofSeconds(30))
                    .withSeed(SEED);
            LoadGenResult r = new LoadGenerator().run(w.sut(), w.library(), s, 1, line -> System.out.println("  " + line));
            Metric.Distribution lat = (Metric.Distribution) r.metrics().get("latency");
            SyntheticSut sut = (SyntheticSut) w.sut();
            Histogram ideal = sut.idealSojourn();
            Histogram jitter = sut.completionJitter();
            System.out.printf(Locale.ROOT, "server 800 qps exp:1ms seed %d: p99 %.2f ms (theory 23.03, %+.1f%%), "
                            + "SUT ideal p99 %.2f ms (incl. warm-up), issue lag p99 %.1f us, SUT jitter p99 %.1f us, valid %s%n  checks %s%n  warnings %s%n",
                    SEED, lat.p99(), (lat.p99() / 23.03 - 1) * 100, ideal.getValueAtPercentile(99) / 1e6,
                    ((Metric.Distribution) r.metrics().get("issue_lag")).p99(), jitter.getValueAtPercentile(99) / 1e3,
                    r.valid(), r.checks(), r.warnings());
            assertEquals(23.03, lat.p99(), 23.03 * 0.10, "p99 within 10% of ln(100)/200");
        }
    }

    @Test
    void findPeakLandsNear539Qps() throws Exception {
        Duration probe = dev.assay.core.loadgen.Durations.parse("probe", System.getProperty("assay.calibration.probe", "20s"));
        try (PreparedWorkload w = synthetic()) {
            TestSettings s = TestSettings.of(new Scenario.Server(800, new Arrival.Poisson()), probe)
                    .withSeed(SEED)
                    .withLatencyBound(Duration.ofMillis(10), 0.99);
            SaturationResult r = new SaturationSearch().find(w.sut(), w.library(), s, 0.01, 1, line -> System.out.println("  " + line));
            for (SaturationProbe p : r.probes()) {
                System.out.printf(Locale.ROOT, "  probe %2d: %7.2f qps -> p99 %6.2f ms (theory %6.2f) %s%n", p.index(),
                        p.scheduledQps(), p.p99Ms(), p.scheduledQps() < 1000 ? Math.log(100) / (1000 - p.scheduledQps()) * 1e3 : Double.NaN,
                        p.meetsBound() ? "meets" : p.note());
            }
            System.out.printf(Locale.ROOT, "find-peak seed %d, %s probes: peak %.1f qps (analytic 539.48, %+.1f%%)%n", SEED,
                    probe, r.peakQps(), (r.peakQps() / 539.48 - 1) * 100);
            assertEquals(539.48, r.peakQps(), 539.48 * 0.05, "within 5% of 1000 - ln(100)/0.010");
        }
    }
}
