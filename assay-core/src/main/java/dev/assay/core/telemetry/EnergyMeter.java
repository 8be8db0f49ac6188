package dev.assay.core.telemetry;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Measures energy and context telemetry around measured windows.
 *
 * <pre>{@code
 * try (EnergyMeter meter = EnergyMeter.open(EnergyMeter.Settings.defaults())) {
 *     meter.measureIdle();              // once, before the run: idle baseline power
 *     meter.start();                    // around each measured window
 *     ... run ...
 *     EnergyReport r = meter.stop();
 *     result.details.put("energy", r.energyJson(Map.of("inference", completed)));
 *     result.details.put("telemetry", r.telemetry());
 *     result.warnings.addAll(r.warnings());
 * }
 * }</pre>
 *
 * Every available sampler is opened; samples are taken at the window's ends and every
 * {@link Settings#samplePeriod()} in between on a daemon thread. The energy of a window comes
 * from the counter delta where the sampler has a counter, else from its power readings
 * integrated over time (trapezoid); net energy subtracts the idle baseline power times the window.
 * The primary source is the preferred boundary when given, else energy counters before power
 * sensors and GPU boards before CPU packages; every other energy source is reported beside it.
 */
public final class EnergyMeter implements AutoCloseable {

    /**
     * Meter settings.
     *
     * @param idleDuration          length of the idle baseline measurement (0 skips it: net energy then "not computed")
     * @param samplePeriod          time between samples inside a window; {@link Duration#ZERO} samples only at the ends
     * @param clockDropWarnFraction warn when a clock's mean in the last third of a window is this fraction below the first third
     * @param preferredBoundary     boundary to report as the primary energy source, or null to choose automatically
     */
    public record Settings(Duration idleDuration, Duration samplePeriod, double clockDropWarnFraction,
                           Boundary preferredBoundary) {
        public Settings {
            if (idleDuration == null || idleDuration.isNegative()) {
                throw new IllegalArgumentException("idleDuration must be >= 0, was " + idleDuration);
            }
            if (samplePeriod == null || samplePeriod.isNegative()) {
                throw new IllegalArgumentException("samplePeriod must be >= 0, was " + samplePeriod);
            }
            if (!(clockDropWarnFraction > 0 && clockDropWarnFraction < 1)) {
                throw new IllegalArgumentException("clockDropWarnFraction must be in (0, 1), was " + clockDropWarnFraction);
            }
        }

        /** 1 s idle baseline, 100 ms sampling, warn at a 5% clock drop, automatic source. */
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(1), Duration.ofMillis(100), 0.05, null);
        }

        /** Same settings with another idle duration. */
        public Settings withIdle(Duration idle) {
            return new Settings(idle, samplePeriod, clockDropWarnFraction, preferredBoundary);
        }

        /** Same settings with another primary boundary. */
        public Settings withPreferredBoundary(Boundary boundary) {
            return new Settings(idleDuration, samplePeriod, clockDropWarnFraction, boundary);
        }
    }

    /** An opened sampler. */
    record Opened(TelemetrySampler sampler, TelemetrySampler.Session session) {
        String label() {
            return sampler.name() + ": " + session.source();
        }
    }

    /** A sample and when it was taken. */
    record Timed(long nanos, TelemetrySample sample) {
    }

    /** Samples of every opened sampler over one idle period or window. */
    static final class Recording {
        final Map<Opened, List<Timed>> samples = new LinkedHashMap<>();
        final List<String> errors = new ArrayList<>();
        long startNanos;
        long endNanos;

        List<Timed> of(Opened o) {
            return samples.getOrDefault(o, List.of());
        }
    }

    private final Settings settings;
    private final LongSupplier clock;
    private final List<Opened> opened;
    private final List<String> unavailable;
    private final Map<Opened, Double> idleWatts = new LinkedHashMap<>();
    private final Map<Opened, String> idleMissing = new LinkedHashMap<>();
    private double idleSeconds = Double.NaN;
    private Recording current;
    private Thread sampler;
    private volatile boolean running;

    EnergyMeter(Settings settings, List<TelemetrySampler> samplers, LongSupplier clock) {
        this.settings = settings;
        this.clock = clock;
        this.opened = new ArrayList<>();
        this.unavailable = new ArrayList<>();
        for (TelemetrySampler s : samplers) {
            try {
                opened.add(new Opened(s, s.open()));
            } catch (IOException | RuntimeException | LinkageError e) {
                unavailable.add(s.name() + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            }
        }
    }

    /** Opens every {@link TelemetrySampler} registered with ServiceLoader. */
    public static EnergyMeter open(Settings settings) {
        List<TelemetrySampler> found = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        ServiceLoader.load(TelemetrySampler.class).stream().forEach(p -> {
            try {
                found.add(p.get());
            } catch (ServiceConfigurationError | LinkageError e) {
                broken.add(p.type().getName() + ": " + e.getMessage());
            }
        });
        EnergyMeter m = new EnergyMeter(settings, found, System::nanoTime);
        m.unavailable.addAll(broken);
        return m;
    }

    /** Opens the given samplers (tests, or a caller choosing its own set) with the system clock. */
    public static EnergyMeter open(Settings settings, List<TelemetrySampler> samplers) {
        return new EnergyMeter(settings, samplers, System::nanoTime);
    }

    /** Names and reasons of samplers that could not be opened. */
    public List<String> unavailable() {
        return List.copyOf(unavailable);
    }

    /** True when at least one opened sampler can give energy. */
    public boolean canMeasureEnergy() {
        return opened.stream().anyMatch(o -> o.sampler().tier() != Tier.CONTEXT);
    }

    /**
     * Measures idle baseline power for {@link Settings#idleDuration()} (blocking). Call before the
     * run, with the machine as idle as the run will leave it; the result is reused by every window.
     */
    public void measureIdle() throws InterruptedException {
        if (settings.idleDuration().isZero() || !canMeasureEnergy()) {
            return;
        }
        beginIdle();
        Thread.sleep(settings.idleDuration());
        endIdle();
    }

    synchronized void beginIdle() {
        begin();
    }

    void endIdle() {
        Recording r = end();
        idleSeconds = (r.endNanos - r.startNanos) / 1e9;
        for (Opened o : opened) {
            if (o.sampler().tier() == Tier.CONTEXT) {
                continue;
            }
            Integrated e = integrate(r.of(o));
            if (e.joules != null && idleSeconds > 0) {
                idleWatts.put(o, e.joules / idleSeconds);
            } else {
                idleMissing.put(o, e.reason != null ? e.reason : "idle window of zero length");
            }
        }
    }

    /** Starts a measured window: samples now, then every sample period on a daemon thread. */
    public synchronized void start() {
        if (current != null) {
            throw new IllegalStateException("energy meter window already started");
        }
        begin();
    }

    /** Ends the window: a final sample, then energy and telemetry of the window. */
    public EnergyReport stop() {
        if (current == null) {
            throw new IllegalStateException("energy meter window not started");
        }
        Recording r = end();
        return EnergyReport.of(this, r);
    }

    /** Takes one sample of every opened sampler into the current recording (manual sampling in tests). */
    synchronized void sampleNow() {
        if (current == null) {
            throw new IllegalStateException("no window or idle measurement in progress");
        }
        for (Opened o : opened) {
            long t = clock.getAsLong();
            try {
                TelemetrySample s = o.session().sample();
                current.samples.computeIfAbsent(o, k -> new ArrayList<>()).add(new Timed(t, s));
            } catch (IOException | RuntimeException e) {
                if (current.errors.size() < 20) { // one broken sensor must not flood the warnings
                    current.errors.add(o.sampler().name() + " read failed: " + e.getMessage());
                }
            }
        }
    }

    private synchronized void begin() {
        current = new Recording();
        current.startNanos = clock.getAsLong();
        sampleNow();
        long period = settings.samplePeriod().toNanos();
        if (period > 0) {
            running = true;
            sampler = Thread.ofPlatform().daemon().name("assay-energy-meter").start(() -> {
                while (running) {
                    LockSupport.parkNanos(period);
                    if (running) {
                        sampleNow();
                    }
                }
            });
        }
    }

    private Recording end() {
        Thread t;
        synchronized (this) {
            running = false;
            t = sampler;
            sampler = null;
        }
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            sampleNow();
            current.endNanos = clock.getAsLong();
            Recording r = current;
            current = null;
            return r;
        }
    }

    /** Energy of one sampler over one recording, or why not. */
    record Integrated(Double joules, String method, int samples, String reason) {
    }

    /** Counter delta when first and last samples carry energy; trapezoid over power samples otherwise. */
    static Integrated integrate(List<Timed> samples) {
        if (samples.size() >= 2 && samples.getFirst().sample().hasEnergy() && samples.getLast().sample().hasEnergy()) {
            double j = samples.getLast().sample().energyJ() - samples.getFirst().sample().energyJ();
            return new Integrated(j, "counter delta", samples.size(), null);
        }
        List<Timed> power = samples.stream().filter(t -> t.sample().hasPower()).toList();
        if (power.size() >= 2) {
            double j = 0;
            for (int i = 1; i < power.size(); i++) {
                double dt = (power.get(i).nanos() - power.get(i - 1).nanos()) / 1e9;
                j += dt * (power.get(i).sample().powerW() + power.get(i - 1).sample().powerW()) / 2;
            }
            return new Integrated(j, "integrated power (trapezoid over " + power.size() + " readings)", power.size(), null);
        }
        return new Integrated(null, null, samples.size(), "fewer than 2 energy or power readings (" + samples.size()
                + " sample(s))");
    }

    /** Energy-capable samplers, primary first. */
    List<Opened> energySources() {
        Comparator<Opened> order = Comparator.comparing((Opened o) -> settings.preferredBoundary() != null
                        && o.sampler().boundary() == settings.preferredBoundary() ? 0 : 1)
                .thenComparing(o -> o.sampler().tier())
                .thenComparing(o -> o.sampler().boundary() == Boundary.GPU_BOARD ? 0 : 1);
        return opened.stream().filter(o -> o.sampler().tier() != Tier.CONTEXT).sorted(order).toList();
    }

    List<Opened> openedSamplers() {
        return opened;
    }

    Settings settings() {
        return settings;
    }

    Double idleWatts(Opened o) {
        return idleWatts.get(o);
    }

    String idleMissing(Opened o) {
        if (Double.isNaN(idleSeconds)) {
            return settings.idleDuration().isZero() ? "idle baseline disabled (idle duration 0)"
                    : "idle baseline not measured (measureIdle() was not called)";
        }
        return idleMissing.getOrDefault(o, "idle baseline not measured");
    }

    double idleSeconds() {
        return idleSeconds;
    }

    /** Closes every session (NVML shutdown). */
    @Override
    public void close() {
        if (current != null) {
            end();
        }
        for (Opened o : opened) {
            try {
                o.session().close();
            } catch (RuntimeException e) {
                // closing is best effort
            }
        }
    }
}
