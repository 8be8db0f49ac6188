package dev.assay.core.roofline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.api.AssayException;
import dev.assay.api.roofline.BandwidthProbe;
import dev.assay.api.roofline.BandwidthReport;
import dev.assay.api.roofline.Ceiling;
import dev.assay.api.roofline.CeilingOutcome;
import dev.assay.api.roofline.CeilingProvider;
import dev.assay.api.roofline.Effort;
import dev.assay.core.bundle.AtomicFiles;
import dev.assay.core.bundle.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * Measures an executor's ceilings (memory bandwidth through the {@link BandwidthProbe}s and
 * compute peak per precision through every {@link CeilingProvider} on the class path) and
 * caches them per executor fingerprint in {@code ~/.cache/assay/roofline/<fingerprint>.json}
 * ({@code $XDG_CACHE_HOME/assay/roofline} when set).
 *
 * <p>Cache policy: a quick request accepts any cached measurement of the same fingerprint
 * (a full one is better); a full request accepts only a cached full one. A cache file that
 * cannot be read is replaced by a fresh measurement, with a warning.
 */
public final class Roofline {
    private Roofline() {
    }

    /**
     * What {@code assay run} calls at the start of a run: the cached ceilings of this executor,
     * or a measurement (quick: a few seconds) that is then cached.
     *
     * @param fingerprint executor fingerprint (from the probe); used as the cache key
     * @param quick       true for the quick measurement of {@code assay run}, false for the full one
     * @throws AssayException BAD_INPUT when the fingerprint is blank
     */
    public static RooflineCeilings loadOrMeasure(String fingerprint, boolean quick) throws AssayException {
        return loadOrMeasure(fingerprint, quick ? Effort.QUICK : Effort.FULL, defaultCacheDir(), false, msg -> { });
    }

    /**
     * Full control: cache directory, forced re-measurement and progress messages.
     *
     * @param fingerprint executor fingerprint; cache key
     * @param effort      quick or full
     * @param cacheDir    directory of {@code <fingerprint>.json} files
     * @param fresh       measure even when a usable cache file exists (and overwrite it)
     * @param progress    receives one line per step (e.g. to stderr)
     */
    public static RooflineCeilings loadOrMeasure(String fingerprint, Effort effort, Path cacheDir, boolean fresh,
                                                 Consumer<String> progress) throws AssayException {
        Path file = cacheFile(cacheDir, fingerprint);
        List<String> cacheWarnings = new ArrayList<>();
        if (!fresh && Files.isRegularFile(file)) {
            try {
                JsonNode doc = Json.read(file);
                RooflineCeilings cached = RooflineCeilings.fromJson(doc, "cache " + file);
                if (!cached.fingerprint().equals(fingerprint)) {
                    cacheWarnings.add("roofline cache " + file + " belongs to fingerprint " + cached.fingerprint()
                            + "; re-measured");
                } else if (effort == Effort.QUICK || cached.effort() == Effort.FULL) {
                    progress.accept("roofline: using cached " + cached.effort().name().toLowerCase(Locale.ROOT)
                            + " measurement from " + cached.measuredAt() + " (" + file + ")");
                    return cached;
                }
            } catch (IOException | RuntimeException e) {
                cacheWarnings.add("roofline cache " + file + " unreadable (" + e.getMessage() + "); re-measured");
            }
        }
        RooflineCeilings measured = measure(fingerprint, effort, Runtime.getRuntime().availableProcessors(),
                Path.of("/"), progress);
        if (!cacheWarnings.isEmpty()) {
            List<String> w = new ArrayList<>(measured.warnings());
            w.addAll(cacheWarnings);
            measured = new RooflineCeilings(measured.fingerprint(), measured.effort(), measured.measuredAt(),
                    measured.origin(), measured.bandwidth(), measured.bandwidthReason(), measured.outcomes(),
                    measured.isa(), w);
        }
        try {
            AtomicFiles.write(file, Json.pretty(measured.toJson()));
        } catch (IOException e) {
            // The measurement is still good; losing the cache only costs time next run.
            progress.accept("roofline: could not write cache " + file + ": " + e.getMessage());
        }
        return measured;
    }

    /**
     * Measures now, without touching the cache: every bandwidth probe and ceiling provider found
     * by ServiceLoader, plus the ISA peak from {@code root}'s cpuinfo. One failing provider never
     * hides the others: its failure becomes a "not measured" outcome with the reason.
     */
    public static RooflineCeilings measure(String fingerprint, Effort effort, int threads, Path root,
                                           Consumer<String> progress) {
        String at = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        List<String> warnings = new ArrayList<>();
        BandwidthReport bandwidth = null;
        String bandwidthReason = null;
        List<BandwidthProbe> probes = load(BandwidthProbe.class, BandwidthProbe::name, warnings);
        if (probes.isEmpty()) {
            bandwidthReason = "not measured: no bandwidth probe on the class path (module assay-kernels missing)";
        } else {
            BandwidthProbe probe = probes.getFirst();
            progress.accept("roofline: bandwidth (" + probe.name() + ", " + threads + " threads)");
            try {
                bandwidth = probe.measure(effort, threads);
            } catch (RuntimeException | LinkageError e) {
                bandwidthReason = "not measured: " + probe.name() + " failed: " + e.getMessage();
            }
        }
        List<CeilingOutcome> outcomes = new ArrayList<>();
        for (CeilingProvider provider : load(CeilingProvider.class, CeilingProvider::name, warnings)) {
            progress.accept("roofline: compute peak " + provider.precisions() + " (" + provider.name() + ")");
            try {
                outcomes.addAll(provider.measure(effort, threads));
            } catch (RuntimeException | LinkageError e) {
                for (String p : provider.precisions()) {
                    outcomes.add(new CeilingOutcome.NotMeasured(p, provider.name(), "failed: " + e));
                }
            }
        }
        IsaPeak.Report isa = IsaPeak.compute(root);
        for (CeilingOutcome o : outcomes) {
            if (o instanceof CeilingOutcome.Measured(Ceiling c)) {
                Double peak = isa.gflops(c.precision());
                if (peak != null && c.gflops() > peak * 1.02) {
                    warnings.add(String.format(Locale.ROOT,
                            "%s ceiling through %s (%.1f GFLOP/s) exceeds the computed ISA peak (%.1f): the clock "
                                    + "assumed for the ISA peak is below the clock the cores actually ran at",
                            c.precision(), c.runtime(), c.gflops(), peak));
                }
            }
        }
        if (bandwidth != null) {
            warnings.addAll(bandwidth.warnings());
        }
        return new RooflineCeilings(fingerprint, effort, at, "measured", bandwidth, bandwidthReason, outcomes, isa, warnings);
    }

    /** {@code $XDG_CACHE_HOME/assay/roofline}, else {@code ~/.cache/assay/roofline}. */
    public static Path defaultCacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("assay").resolve("roofline");
    }

    /**
     * The cache file of a fingerprint. Characters outside {@code [A-Za-z0-9._-]} become {@code _}
     * so a fingerprint such as {@code sha256:ab12} is a safe file name; the full fingerprint is
     * stored inside and checked on load.
     */
    public static Path cacheFile(Path cacheDir, String fingerprint) throws AssayException {
        if (fingerprint == null || fingerprint.isBlank()) {
            throw AssayException.badInput("roofline cache needs an executor fingerprint, got '" + fingerprint + "'");
        }
        String safe = fingerprint.strip().replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.chars().allMatch(ch -> ch == '.')) {
            throw AssayException.badInput("fingerprint '" + fingerprint + "' is not usable as a cache key");
        }
        return cacheDir.resolve(safe + ".json");
    }

    /** Instantiates every registered provider; one that cannot be constructed becomes a warning, not a crash. */
    private static <T> List<T> load(Class<T> type, java.util.function.Function<T, String> name, List<String> warnings) {
        List<T> found = new ArrayList<>();
        ServiceLoader.load(type).stream().forEach(p -> {
            try {
                found.add(p.get());
            } catch (ServiceConfigurationError | LinkageError e) {
                warnings.add(type.getSimpleName() + " " + p.type().getName() + " could not be loaded: " + e.getMessage());
            }
        });
        found.sort(Comparator.comparing(name));
        return found;
    }
}
