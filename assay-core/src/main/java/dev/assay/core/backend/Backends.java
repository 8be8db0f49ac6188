package dev.assay.core.backend;

import dev.assay.api.backend.Availability;
import dev.assay.api.backend.Backend;
import dev.assay.api.backend.BackendProvider;
import dev.assay.api.spec.BackendSpec;
import dev.assay.api.training.TrainingBackend;
import dev.assay.api.training.TrainingBackendProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Finds backends through {@link ServiceLoader} (META-INF/services entries of
 * {@link BackendProvider} and {@link TrainingBackendProvider}). A provider whose class
 * cannot even be loaded is reported in {@link Discovery#loadErrors()}, never thrown: one
 * broken backend must not take the CLI down.
 */
public final class Backends {
    private Backends() {
    }

    /** Everything found on the class path. */
    public record Discovery(List<BackendProvider> inference, List<TrainingBackendProvider> training,
                            List<String> loadErrors) {
        public Discovery {
            inference = List.copyOf(inference);
            training = List.copyOf(training);
            loadErrors = List.copyOf(loadErrors);
        }
    }

    /** A backend whose spec could not be taken, and why (shown to the user verbatim). */
    public record Skipped(String name, String phase, String reason) {
        public Skipped {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("a skipped backend must say why (backend " + name + ")");
            }
        }
    }

    /** Specs of the available backends and the ones that could not give one. */
    public record Specs(List<BackendSpec> available, List<Skipped> skipped) {
        public Specs {
            available = List.copyOf(available);
            skipped = List.copyOf(skipped);
        }
    }

    /** Discovers all providers with the context class loader. */
    public static Discovery discover() {
        List<String> errors = new ArrayList<>();
        List<BackendProvider> inf = load(BackendProvider.class, errors);
        inf.sort(Comparator.comparingInt(BackendProvider::rank).reversed().thenComparing(BackendProvider::name));
        List<TrainingBackendProvider> tr = load(TrainingBackendProvider.class, errors);
        tr.sort(Comparator.comparing(TrainingBackendProvider::name));
        return new Discovery(inf, tr, errors);
    }

    /** Inference providers, highest rank first. */
    public static List<BackendProvider> inference() {
        return discover().inference();
    }

    /** Training providers, by name. */
    public static List<TrainingBackendProvider> training() {
        return discover().training();
    }

    /** The inference provider called {@code name}. */
    public static Optional<BackendProvider> find(String name) {
        return inference().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The training provider called {@code name}. */
    public static Optional<TrainingBackendProvider> findTraining(String name) {
        return training().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * For each available provider: create it, take its spec, close it. Unavailable providers
     * and ones whose creation fails (including native link errors) are listed with the reason.
     */
    public static Specs collectSpecs(Discovery d) {
        List<BackendSpec> specs = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (String e : d.loadErrors()) {
            skipped.add(new Skipped("(unloadable provider)", "unknown", e));
        }
        for (BackendProvider p : d.inference()) {
            specOf(p.name(), "inference", p::availability, () -> {
                try (Backend b = p.create()) {
                    return b.spec();
                }
            }, specs, skipped);
        }
        for (TrainingBackendProvider p : d.training()) {
            specOf(p.name(), "training", p::availability, () -> {
                try (TrainingBackend b = p.create()) {
                    return b.spec();
                }
            }, specs, skipped);
        }
        // A backend that trains and infers reports the same spec twice: keep one.
        return new Specs(specs.stream().distinct().toList(), skipped);
    }

    /** {@link #collectSpecs(Discovery)} over {@link #discover()}. */
    public static Specs collectSpecs() {
        return collectSpecs(discover());
    }

    /** A step that may throw anything a backend throws while creating itself. */
    @FunctionalInterface
    private interface SpecSource {
        BackendSpec get() throws Exception;
    }

    private static void specOf(String name, String phase, Supplier<Availability> availability, SpecSource create,
                               List<BackendSpec> specs, List<Skipped> skipped) {
        Availability a;
        try {
            a = availability.get();
        } catch (RuntimeException | LinkageError e) {
            skipped.add(new Skipped(name, phase, "availability check failed: " + describe(e)));
            return;
        }
        if (a instanceof Availability.Unavailable u) {
            skipped.add(new Skipped(name, phase, u.reason()));
            return;
        }
        try {
            BackendSpec s = create.get();
            if (s == null) {
                skipped.add(new Skipped(name, phase, "backend returned no spec"));
            } else {
                specs.add(s);
            }
        } catch (Exception | LinkageError e) {
            // LinkageError: a native library that fails to link is a reason, not a crash.
            skipped.add(new Skipped(name, phase, "create failed: " + describe(e)));
        }
    }

    private static <T> List<T> load(Class<T> type, List<String> errors) {
        List<T> out = new ArrayList<>();
        // ServiceLoader's iterator documents a best effort to go on after a provider fails;
        // the cap guards against an iterator that keeps failing on the same entry.
        var it = ServiceLoader.load(type).iterator();
        for (int failures = 0; failures < 32; ) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                out.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                errors.add(type.getSimpleName() + ": " + describe(e));
                failures++;
            }
        }
        return out;
    }

    private static String describe(Throwable e) {
        Function<Throwable, String> one = t -> t.getClass().getSimpleName()
                + (t.getMessage() == null ? "" : ": " + t.getMessage().lines().findFirst().orElse(""));
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? one.apply(e) : one.apply(e) + " (cause " + one.apply(root) + ")";
    }
}
