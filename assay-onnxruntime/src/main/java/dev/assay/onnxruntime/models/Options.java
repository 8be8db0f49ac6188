package dev.assay.onnxruntime.models;

import dev.assay.api.AssayException;
import java.util.Map;

/** Reads typed values from the free-form workload options, with one-line errors on bad values. */
public final class Options {
    private final Map<String, String> raw;

    public Options(Map<String, String> raw) {
        this.raw = raw == null ? Map.of() : raw;
    }

    public Map<String, String> raw() {
        return raw;
    }

    public String string(String key, String fallback) {
        String v = raw.get(key);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    public int integer(String key, int fallback, int min, int max) throws AssayException {
        String v = raw.get(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw AssayException.badInput("option " + key + "=" + v + " is out of range [" + min + ", " + max + "]");
            }
            return n;
        } catch (NumberFormatException e) {
            throw AssayException.badInput("option " + key + "=" + v + " is not an integer (allowed: " + min + ".." + max + ")");
        }
    }

    public boolean bool(String key, boolean fallback) throws AssayException {
        String v = raw.get(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw AssayException.badInput("option " + key + "=" + v + " is not a boolean (allowed: true, false)");
        };
    }

    /** Comma-separated positive integers, e.g. {@code 512,512}. */
    public int[] integers(String key, int[] fallback) throws AssayException {
        String v = raw.get(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        String[] parts = v.split("[,x]");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw AssayException.badInput("option " + key + "=" + v + " is not a list of integers (e.g. 512,512)");
            }
            if (out[i] < 1 || out[i] > 1 << 20) {
                throw AssayException.badInput("option " + key + "=" + v + ": each value must be in [1, 1048576]");
            }
        }
        return out;
    }
}
