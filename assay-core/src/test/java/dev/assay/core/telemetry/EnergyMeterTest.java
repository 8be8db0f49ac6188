package dev.assay.core.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.api.backend.Availability;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnergyMeterTest {
    @TempDir
    Path root;

    private static final EnergyMeter.Settings MANUAL = new EnergyMeter.Settings(Duration.ofSeconds(1), Duration.ZERO,
            0.05, null);

    @Test
    void counterDeltasAcrossAWrapGiveGrossNetAndPerUnitJoules() {
        Fixtures.overlay(Fixtures.RAPL.resolve("t0"), root);
        AtomicLong clock = new AtomicLong();
        try (EnergyMeter meter = new EnergyMeter(MANUAL, List.of(new RaplSampler(root)), clock::get)) {
            meter.beginIdle();                               // t = 0 s, snapshot t0
            Fixtures.overlay(Fixtures.RAPL.resolve("t1"), root);
            clock.set(1_000_000_000L);
            meter.endIdle();                                 // 0.7 J in 1 s: idle 0.7 W
            meter.start();                                   // t = 1 s, snapshot t1
            Fixtures.overlay(Fixtures.RAPL.resolve("t2"), root);
            clock.set(3_000_000_000L);
            EnergyReport r = meter.stop();                   // t = 3 s, snapshot t2 (package-0 wrapped)

            assertTrue(r.measured(), r.energy().toString());
            assertEquals(3.32885, r.grossJ(), 1e-9, "4.02885 J cumulative at t2 minus 0.7 J at t1");
            assertEquals(2.0, r.windowS(), 1e-12);
            assertEquals(3.32885 - 0.7 * 2.0, r.netJ(), 1e-9);
            Map<String, Object> e = r.energyJson(Map.of("inference", 1000, "token", 0));
            assertEquals("CPU package", e.get("boundary"));
            assertEquals("counter delta", e.get("method"));
            assertEquals(0.7, (Double) e.get("idle_w"), 1e-9);
            assertEquals(3.32885 / 2.0, (Double) e.get("avg_power_w"), 1e-9);
            assertEquals(3.32885e-3, (Double) e.get("energy_per_inference"), 1e-12);
            assertEquals(1.92885e-3, (Double) e.get("net_energy_per_inference"), 1e-12);
            assertTrue(String.valueOf(e.get("energy_per_token")).startsWith("not computed: no token"), e.toString());
            assertTrue(String.valueOf(e.get("source")).contains("RAPL package-0, package-1"), e.toString());
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> ch = (Map<String, Map<String, Object>>) r.telemetry().get("channels");
            assertEquals(1.0, ch.get("rapl_wraps").get("delta"));
        }
    }

    @Test
    void powerReadingsAreIntegratedWhenThereIsNoCounter() {
        AtomicLong clock = new AtomicLong();
        Scripted power = new Scripted(Tier.POWER_SENSOR, Boundary.GPU_BOARD);
        power.power.addAll(List.of(10.0, 20.0, 30.0));
        EnergyMeter.Settings noIdle = MANUAL.withIdle(Duration.ZERO);
        try (EnergyMeter meter = new EnergyMeter(noIdle, List.of(power), clock::get)) {
            meter.start();                                   // 10 W at 0 s
            clock.set(1_000_000_000L);
            meter.sampleNow();                               // 20 W at 1 s
            clock.set(2_000_000_000L);
            EnergyReport r = meter.stop();                   // 30 W at 2 s
            assertEquals(40.0, r.grossJ(), 1e-9, "trapezoid: (10+20)/2 + (20+30)/2");
            Map<String, Object> e = r.energyJson(Map.of());
            assertTrue(String.valueOf(e.get("method")).startsWith("integrated power"), e.toString());
            assertTrue(String.valueOf(e.get("net_j")).startsWith("not computed: idle baseline disabled"), e.toString());
            assertTrue(Double.isNaN(r.netJ()));
        }
    }

    @Test
    void nothingReadableGivesAnExplicitNotMeasured() {
        try (EnergyMeter meter = EnergyMeter.open(EnergyMeter.Settings.defaults(),
                List.of(new RaplSampler(root), new NvmlSampler("libnvidia-ml-absent-assay-test.so.1")))) {
            assertFalse(meter.canMeasureEnergy());
            meter.measureIdle(); // nothing to baseline: returns at once
            meter.start();
            EnergyReport r = meter.stop();
            assertFalse(r.measured());
            assertEquals(false, r.energy().get("measured"));
            String reason = (String) r.energy().get("reason");
            assertTrue(reason.startsWith("energy: not measured (no readable sensor: rapl: RAPL: no "), reason);
            assertTrue(reason.contains("nvml: NVML: libnvidia-ml-absent-assay-test.so.1 not found"), reason);
            assertFalse(r.energyJson(Map.of("inference", 5)).containsKey("energy_per_inference"));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void daemonThreadSamplesAndAStillCounterIsNotPassedOffAsZeroJoules() throws InterruptedException {
        Fixtures.overlay(Fixtures.RAPL.resolve("t0"), root);
        EnergyMeter.Settings fast = new EnergyMeter.Settings(Duration.ZERO, Duration.ofMillis(5), 0.05, null);
        try (EnergyMeter meter = EnergyMeter.open(fast, List.of(new RaplSampler(root), new ProcStatSampler(Path.of("/"))))) {
            meter.start();
            Thread.sleep(60);
            EnergyReport r = meter.stop();
            assertFalse(r.measured(), "the fixture counter never moves");
            assertTrue(String.valueOf(r.energy().get("reason")).contains("counter did not advance"), r.energy().toString());
            int samples = (Integer) r.energy().get("samples");
            assertTrue(samples >= 3, "start, end and at least one periodic sample, got " + samples);
        }
    }

    @Test
    void clockDropAndThrottleEventsBecomeWarnings() {
        AtomicLong clock = new AtomicLong();
        Scripted ctx = new Scripted(Tier.CONTEXT, Boundary.CPU_CORES);
        for (double f : new double[] {3000, 3000, 3000, 2500, 2500, 2500}) {
            ctx.freq.add(f);
        }
        ctx.events = Set.of("gpu0:SwPowerCap", "gpu0:GpuIdle");
        try (EnergyMeter meter = new EnergyMeter(MANUAL, List.of(ctx), clock::get)) {
            meter.start();
            for (int i = 1; i < 5; i++) {
                clock.set(i * 100_000_000L);
                meter.sampleNow();
            }
            clock.set(500_000_000L);
            EnergyReport r = meter.stop();
            assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith("clock drift: cpu_freq_mhz fell 16.7%")),
                    r.warnings().toString());
            assertTrue(r.warnings().stream().anyMatch(w -> w.contains("throttle events") && w.contains("gpu0:SwPowerCap")
                    && !w.contains("GpuIdle")), r.warnings().toString());
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> ch = (Map<String, Map<String, Object>>) r.telemetry().get("channels");
            assertEquals(2500.0, ch.get("cpu_freq_mhz").get("min"));
            assertEquals(2750.0, ch.get("cpu_freq_mhz").get("mean"));
            assertEquals(false, r.energy().get("measured"));
        }
    }

    /** A test sampler replaying scripted readings (not a stand-in for hardware: it tests the meter's arithmetic). */
    static final class Scripted implements TelemetrySampler {
        final Tier tier;
        final Boundary boundary;
        final Deque<Double> power = new ArrayDeque<>();
        final Deque<Double> freq = new ArrayDeque<>();
        Set<String> events = Set.of();

        Scripted(Tier tier, Boundary boundary) {
            this.tier = tier;
            this.boundary = boundary;
        }

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public Boundary boundary() {
            return boundary;
        }

        @Override
        public Tier tier() {
            return tier;
        }

        @Override
        public Availability availability() {
            return new Availability.Available("scripted");
        }

        @Override
        public Session open() {
            return new Session() {
                @Override
                public TelemetrySample sample() {
                    double p = power.isEmpty() ? Double.NaN : power.poll();
                    Map<String, Double> ch = freq.isEmpty() ? Map.of() : Map.of("cpu_freq_mhz", freq.poll());
                    return new TelemetrySample(Double.NaN, p, ch, events);
                }

                @Override
                public String source() {
                    return "scripted readings";
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
