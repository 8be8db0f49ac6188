package dev.assay.core.probe;

import dev.assay.api.spec.BackendSpec;
import dev.assay.api.spec.ExecutorSpec;
import dev.assay.api.spec.GpuSpec;
import dev.assay.api.spec.HostSpec;
import dev.assay.core.bundle.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The executor fingerprint: SHA-256 (lower-case hex, full 64 digits) of the canonical JSON
 * of the comparability-relevant fields. Two results with the same fingerprint ran on the
 * same kind of executor; different fingerprints mean "look at the difference before
 * comparing". Deliberately left out: the host name (identity, not kind), current clocks
 * (they fluctuate), GPU UUIDs (two identical boards compare), timestamps, raw CPU flags
 * (kernel-version noise; the AI-relevant ones are covered), caches (implied by the model).
 * Memory is covered rounded to whole GiB, because firmware reservations make MemTotal
 * differ by megabytes between identical machines.
 */
public final class Fingerprint {
    private Fingerprint() {
    }

    /** Environment variables whose names end with these only say where something lives, not how it runs. */
    private static final List<String> LOCATION_SUFFIXES = List.of("_HOME", "_DIR", "_CACHE_DIR");

    /** The JSON paths (in ExecutorSpec) the fingerprint covers; the hashed map is keyed by these strings. */
    public static final List<String> FIELDS = List.of(
            "host.cpu.vendor", "host.cpu.model", "host.cpu.microarchitecture", "host.cpu.sockets",
            "host.cpu.cores", "host.cpu.threads", "host.cpu.aiIsaFeatures",
            "host.memoryBytes (rounded to GiB)", "host.os", "host.kernel", "host.virtualisation",
            "host.jvm.vendor", "host.jvm.version", "host.jvm.vmName",
            "gpus[].name", "gpus[].driverVersion", "gpus[].cudaVersion", "gpus[].computeCapability",
            "gpus[].memoryMiB", "gpus[].powerLimitW", "gpus[].ecc", "gpus[].mig",
            "backends[].backend", "backends[].runtime", "backends[].version", "backends[].executionProviders",
            "backends[].activeProvider", "backends[].threads", "backends[].options",
            "environment (except names ending _HOME, _DIR, _CACHE_DIR)");

    /** Fingerprint of a spec's covered fields (its own fingerprint fields are ignored). */
    public static String of(ExecutorSpec spec) {
        return of(spec.host(), spec.gpus(), spec.backends(), spec.environment());
    }

    /** Fingerprint of the covered fields of these parts. */
    public static String of(HostSpec host, List<GpuSpec> gpus, List<BackendSpec> backends, Map<String, String> env) {
        return sha256(Json.canonical(coveredView(host, gpus, backends, env)));
    }

    /** Whether {@code spec}'s stored fingerprint matches its contents (false after an edit of a covered field). */
    public static boolean verify(ExecutorSpec spec) {
        return of(spec).equals(spec.fingerprint());
    }

    /** The first 12 hex digits, for display only; store and compare the full value. */
    public static String shortForm(String fingerprint) {
        return fingerprint == null ? "none" : fingerprint.substring(0, Math.min(12, fingerprint.length()));
    }

    /**
     * The exact value hashed: path (as in {@link #FIELDS}) to value. Exposed so a compare
     * command can say which covered field differs between two results.
     */
    public static Map<String, Object> coveredView(HostSpec host, List<GpuSpec> gpus, List<BackendSpec> backends,
                                                  Map<String, String> env) {
        Map<String, Object> v = new LinkedHashMap<>();
        var cpu = host.cpu();
        v.put(FIELDS.get(0), cpu.vendor());
        v.put(FIELDS.get(1), cpu.model());
        v.put(FIELDS.get(2), cpu.microarchitecture());
        v.put(FIELDS.get(3), cpu.sockets());
        v.put(FIELDS.get(4), cpu.cores());
        v.put(FIELDS.get(5), cpu.threads());
        v.put(FIELDS.get(6), new TreeMap<>(cpu.aiIsaFeatures()));
        v.put(FIELDS.get(7), Math.round(host.memoryBytes() / (double) (1L << 30)));
        v.put(FIELDS.get(8), host.os());
        v.put(FIELDS.get(9), host.kernel());
        v.put(FIELDS.get(10), host.virtualisation());
        v.put(FIELDS.get(11), host.jvm().get("vendor"));
        v.put(FIELDS.get(12), host.jvm().get("version"));
        v.put(FIELDS.get(13), host.jvm().get("vmName"));
        List<GpuSpec> g = gpus.stream().sorted(Comparator.comparingInt(GpuSpec::index)).toList();
        int i = 14;
        for (Function<GpuSpec, Object> f : List.<Function<GpuSpec, Object>>of(GpuSpec::name, GpuSpec::driverVersion,
                GpuSpec::cudaVersion, GpuSpec::computeCapability, GpuSpec::memoryMiB, GpuSpec::powerLimitW,
                GpuSpec::ecc, GpuSpec::mig)) {
            v.put(FIELDS.get(i++), column(g, f));
        }
        // Discovery order of ServiceLoader is not a property of the executor: sort.
        List<BackendSpec> b = backends.stream()
                .sorted(Comparator.comparing(BackendSpec::backend).thenComparing(BackendSpec::runtime,
                        Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
        for (Function<BackendSpec, Object> f : List.<Function<BackendSpec, Object>>of(BackendSpec::backend,
                BackendSpec::runtime, BackendSpec::version, BackendSpec::executionProviders,
                BackendSpec::activeProvider, s -> new TreeMap<>(s.threads()), s -> new TreeMap<>(s.options()))) {
            v.put(FIELDS.get(i++), column(b, f));
        }
        Map<String, String> steering = new TreeMap<>();
        env.forEach((k, val) -> {
            if (LOCATION_SUFFIXES.stream().noneMatch(s -> k.toUpperCase(Locale.ROOT).endsWith(s))) {
                steering.put(k, val);
            }
        });
        v.put(FIELDS.get(i), steering);
        return v;
    }

    private static <T> List<Object> column(List<T> rows, Function<T, Object> f) {
        List<Object> out = new ArrayList<>(rows.size());
        for (T r : rows) {
            out.add(f.apply(r));
        }
        return out;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
