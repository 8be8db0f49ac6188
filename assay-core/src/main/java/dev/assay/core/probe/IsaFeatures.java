package dev.assay.core.probe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ISA features that decide which kernels AI runtimes can use, keyed by their Linux
 * /proc/cpuinfo flag names. Absent flags are reported as {@code false}, not omitted, so a
 * reader sees "no AVX-512" rather than wondering whether it was checked.
 */
public final class IsaFeatures {
    private IsaFeatures() {
    }

    /** The features Assay reports, in the order shown to users. */
    public static final List<String> KEYS = List.of(
            "avx2", "fma", "avx512f", "avx512bw", "avx512_vnni", "avx512_bf16", "avx512_fp16",
            "amx_tile", "amx_bf16", "amx_int8", "avx_vnni");

    /** Each of {@link #KEYS} with whether {@code flags} contains it. */
    public static Map<String, Boolean> of(List<String> flags) {
        var set = new java.util.HashSet<>(flags);
        Map<String, Boolean> m = new LinkedHashMap<>();
        for (String k : KEYS) {
            m.put(k, set.contains(k));
        }
        return m;
    }
}
