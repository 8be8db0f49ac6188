package dev.assay.report.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Lenient JSON tree lookups. Writers of run.json are several modules developed in parallel;
 * a report must render whatever they wrote, so keys match ignoring case and underscores
 * ({@code ciLow}, {@code ci_low} and {@code CILOW} are one key) and absence is a value, never
 * an exception.
 */
public final class Nodes {
    private Nodes() {
    }

    /** Normalises a key for lenient matching: lower case, no underscores, dashes or spaces. */
    public static String norm(String key) {
        StringBuilder b = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c != '_' && c != '-' && c != ' ') {
                b.append(Character.toLowerCase(c));
            }
        }
        return b.toString();
    }

    /** The first child of {@code obj} matching one of {@code names} leniently, or a missing node. */
    public static JsonNode field(JsonNode obj, String... names) {
        if (obj == null || !obj.isObject()) {
            return MissingNode.getInstance();
        }
        for (String name : names) {
            JsonNode exact = obj.get(name);
            if (exact != null && !exact.isNull()) {
                return exact;
            }
        }
        for (String name : names) {
            String n = norm(name);
            for (Map.Entry<String, JsonNode> e : obj.properties()) {
                if (norm(e.getKey()).equals(n) && !e.getValue().isNull()) {
                    return e.getValue();
                }
            }
        }
        return MissingNode.getInstance();
    }

    /** Follows a path of keys, each matched leniently. */
    public static JsonNode path(JsonNode obj, String... keys) {
        JsonNode cur = obj;
        for (String k : keys) {
            cur = field(cur, k);
            if (cur.isMissingNode()) {
                return cur;
            }
        }
        return cur;
    }

    /** True when the node carries something (not missing, not null). */
    public static boolean present(JsonNode n) {
        return n != null && !n.isMissingNode() && !n.isNull();
    }

    /** Text of a scalar node; objects and arrays as compact JSON; empty when absent. */
    public static Optional<String> text(JsonNode n) {
        if (!present(n)) {
            return Optional.empty();
        }
        if (n.isValueNode()) {
            String t = n.asText();
            return t.isBlank() ? Optional.empty() : Optional.of(t);
        }
        return Optional.of(n.toString());
    }

    /** Text of the first matching field. */
    public static Optional<String> text(JsonNode obj, String... names) {
        return text(field(obj, names));
    }

    /** A number, accepting numeric strings (some writers quote numbers); empty for NaN-like text. */
    public static OptionalDouble number(JsonNode n) {
        if (!present(n)) {
            return OptionalDouble.empty();
        }
        if (n.isNumber()) {
            return OptionalDouble.of(n.asDouble());
        }
        if (n.isTextual()) {
            try {
                double d = Double.parseDouble(n.asText().trim());
                return Double.isFinite(d) ? OptionalDouble.of(d) : OptionalDouble.empty();
            } catch (NumberFormatException e) {
                return OptionalDouble.empty();
            }
        }
        return OptionalDouble.empty();
    }

    /** Number of the first matching field. */
    public static OptionalDouble number(JsonNode obj, String... names) {
        return number(field(obj, names));
    }

    /** Number or NaN. */
    public static double numberOrNaN(JsonNode obj, String... names) {
        return number(obj, names).orElse(Double.NaN);
    }

    /** Boolean of the first matching field, if it is one (also "true"/"false" strings). */
    public static Optional<Boolean> bool(JsonNode obj, String... names) {
        JsonNode n = field(obj, names);
        if (n.isBoolean()) {
            return Optional.of(n.asBoolean());
        }
        if (n.isTextual()) {
            String t = n.asText().trim().toLowerCase(Locale.ROOT);
            if (t.equals("true") || t.equals("false")) {
                return Optional.of(Boolean.parseBoolean(t));
            }
        }
        return Optional.empty();
    }

    /** Elements of an array node (empty when absent or not an array). */
    public static List<JsonNode> elements(JsonNode n) {
        List<JsonNode> out = new ArrayList<>();
        if (present(n) && n.isArray()) {
            n.forEach(out::add);
        }
        return out;
    }

    /** Strings of an array (objects as compact JSON). */
    public static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : elements(n)) {
            text(e).ifPresent(out::add);
        }
        return out;
    }
}
