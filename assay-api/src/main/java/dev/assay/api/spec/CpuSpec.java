package dev.assay.api.spec;

import java.util.List;
import java.util.Map;

/**
 * Host CPU as captured.
 *
 * @param vendor            e.g. GenuineIntel
 * @param model             model name string
 * @param microarchitecture e.g. "Sapphire Rapids", or "unknown (family 6 model 143)"
 * @param sockets           physical packages
 * @param cores             physical cores in total
 * @param threads           logical CPUs online
 * @param caches            level name (L1d, L1i, L2, L3) to size in bytes (per instance) and sharing
 * @param aiIsaFeatures     the ISA features that matter for AI, each with present/absent
 * @param flags             the raw flag list, for completeness
 */
public record CpuSpec(String vendor, String model, String microarchitecture, int sockets, int cores, int threads,
                      Map<String, String> caches, Map<String, Boolean> aiIsaFeatures, List<String> flags) {
    public CpuSpec {
        caches = Map.copyOf(caches);
        aiIsaFeatures = Map.copyOf(aiIsaFeatures);
        flags = List.copyOf(flags);
    }
}
