package dev.assay.core.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The one JSON configuration Assay writes with: map keys sorted so the same data gives the
 * same bytes (fingerprints and golden files depend on it), nulls kept so absent values are
 * visible rather than silently missing.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .build();
    private static final ObjectMapper COMPACT = MAPPER.copy().disable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Pretty JSON with sorted map keys. */
    public static String pretty(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Compact canonical JSON (sorted keys, no whitespace): the input of fingerprints. */
    public static String canonical(Object value) {
        try {
            JsonNode tree = COMPACT.valueToTree(value);
            return COMPACT.writeValueAsString(sortTree(tree));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Reads a JSON file as a tree. */
    public static JsonNode read(Path file) throws IOException {
        return MAPPER.readTree(file.toFile());
    }

    private static JsonNode sortTree(JsonNode node) {
        if (node.isObject()) {
            var sorted = MAPPER.createObjectNode();
            var names = new java.util.TreeSet<String>();
            node.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                sorted.set(n, sortTree(node.get(n)));
            }
            return sorted;
        }
        if (node.isArray()) {
            var arr = MAPPER.createArrayNode();
            node.forEach(e -> arr.add(sortTree(e)));
            return arr;
        }
        return node;
    }
}
