package dev.assay.onnxruntime.onnx;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An ONNX model (ModelProto).
 *
 * @param irVersion       ONNX IR version
 * @param opsets          operator set domain to version ("" is the default ONNX domain)
 * @param producerName    producer name
 * @param producerVersion producer version
 * @param graph           the main graph
 * @param metadata        metadata_props (Assay keeps input generation hints here)
 * @param unknown         encoded fields not modelled (functions, training info...)
 */
public record Model(long irVersion, Map<String, Long> opsets, String producerName, String producerVersion,
                    Graph graph, Map<String, String> metadata, byte[] unknown) {
    public Model {
        if (graph == null) {
            throw new IllegalArgumentException("model has no graph");
        }
        opsets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(opsets));
        metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    public Model withGraph(Graph newGraph) {
        return new Model(irVersion, opsets, producerName, producerVersion, newGraph, metadata, unknown);
    }

    /** Same model with one more operator set (kept if already present at a higher version). */
    public Model withOpset(String domain, long version) {
        Map<String, Long> m = new LinkedHashMap<>(opsets);
        m.merge(domain, version, Math::max);
        return new Model(irVersion, m, producerName, producerVersion, graph, metadata, unknown);
    }

    public Model withMetadata(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(metadata);
        m.put(key, value);
        return new Model(irVersion, opsets, producerName, producerVersion, graph, m, unknown);
    }

    public byte[] toBytes() {
        return OnnxCodec.encode(this);
    }
}
