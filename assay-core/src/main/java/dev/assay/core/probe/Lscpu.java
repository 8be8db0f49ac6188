package dev.assay.core.probe;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code lscpu} output ("Key:   value" lines), parsed from text. Used as a second source
 * where /proc/cpuinfo is silent: topology on layouts without "physical id", vendor and
 * model on non-x86 CPUs, and the hypervisor vendor.
 *
 * @param fields every "key: value" line, keys as printed (e.g. "Socket(s)")
 */
public record Lscpu(Map<String, String> fields) {
    public Lscpu {
        fields = Map.copyOf(fields);
    }

    /** An empty result (lscpu absent or failed). */
    public static Lscpu empty() {
        return new Lscpu(Map.of());
    }

    /** Parses the default (non-JSON) output of lscpu in the C locale. */
    public static Lscpu parse(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (!key.isEmpty() && !value.isEmpty()) {
                m.putIfAbsent(key, value);
            }
        }
        return new Lscpu(m);
    }

    /** A field as printed. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(fields.get(key));
    }

    /** A positive integer field, e.g. "Socket(s)". */
    public Optional<Integer> intField(String key) {
        return get(key).flatMap(v -> {
            try {
                int i = Integer.parseInt(v);
                return i > 0 ? Optional.of(i) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /** Sockets ("Socket(s)"). */
    public Optional<Integer> sockets() {
        return intField("Socket(s)");
    }

    /** Physical cores in total: sockets x "Core(s) per socket". */
    public Optional<Integer> cores() {
        return sockets().flatMap(s -> intField("Core(s) per socket").map(c -> s * c));
    }
}
