package dev.assay.core.probe;

import dev.assay.api.spec.ExecutorSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Flags environment settings known to change or degrade what is measured, judged against
 * the captured CPU and GPUs. A run that measured under such a setting must say so; these
 * strings go into run.json's warnings and the report.
 */
public final class SettingWarnings {
    private SettingWarnings() {
    }

    /** OpenBLAS core types whose kernels use AVX-512 (names as OpenBLAS spells them, upper-cased). */
    private static final Set<String> OPENBLAS_AVX512 = Set.of("SKYLAKEX", "COOPERLAKE", "SAPPHIRERAPIDS");
    /** OpenBLAS core types with AVX2/FMA kernels but no AVX-512. */
    private static final Set<String> OPENBLAS_AVX2 = Set.of("HASWELL", "ZEN");
    /** OpenBLAS core types older than AVX2/FMA. */
    private static final Set<String> OPENBLAS_PRE_AVX2 = Set.of(
            "KATMAI", "COPPERMINE", "NORTHWOOD", "PRESCOTT", "BANIAS", "ATOM", "CORE2", "PENRYN", "DUNNINGTON",
            "NEHALEM", "SANDYBRIDGE", "OPTERON", "OPTERON_SSE3", "BARCELONA", "BOBCAT", "BULLDOZER", "PILEDRIVER",
            "STEAMROLLER", "EXCAVATOR", "NANO", "ATHLON");

    /** Warnings for {@code spec}; empty when nothing known-harmful is set. */
    public static List<String> of(ExecutorSpec spec) {
        Map<String, String> env = spec.environment();
        Map<String, Boolean> isa = spec.host().cpu().aiIsaFeatures();
        boolean avx512 = Boolean.TRUE.equals(isa.get("avx512f"));
        boolean avx2 = Boolean.TRUE.equals(isa.get("avx2"));
        boolean amx = Boolean.TRUE.equals(isa.get("amx_tile"));
        List<String> w = new ArrayList<>();

        String coretype = env.get("OPENBLAS_CORETYPE");
        if (coretype != null && !coretype.isBlank()) {
            String ct = coretype.strip().toUpperCase(Locale.ROOT);
            String set = "OPENBLAS_CORETYPE=" + coretype;
            if (avx512 && OPENBLAS_AVX2.contains(ct)) {
                w.add(set + " forces OpenBLAS's AVX2 kernels on a CPU with AVX-512 (avx512f): this silently halves "
                        + "OpenBLAS GEMM speed on AVX-512 parts; unset it unless that is what you mean to measure");
            } else if ((avx512 || avx2) && OPENBLAS_PRE_AVX2.contains(ct)) {
                w.add(set + " forces OpenBLAS's pre-AVX2 kernels on a CPU with " + (avx512 ? "AVX-512" : "AVX2/FMA")
                        + ": OpenBLAS GEMM runs several times slower than this CPU allows; unset it");
            } else if (!avx512 && OPENBLAS_AVX512.contains(ct)) {
                w.add(set + " selects AVX-512 kernels on a CPU without avx512f: OpenBLAS may fail with an illegal "
                        + "instruction or fall back; unset it");
            } else if (!OPENBLAS_AVX512.contains(ct) && !OPENBLAS_AVX2.contains(ct) && !OPENBLAS_PRE_AVX2.contains(ct)) {
                w.add(set + " is not an x86 core type Assay knows; it overrides OpenBLAS's CPU detection, check "
                        + "that it matches this CPU");
            }
        }

        int threads = spec.host().cpu().threads();
        for (String name : List.of("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")) {
            Integer n = leadingInt(env.get(name));
            if (n != null && threads > 0 && n > threads) {
                w.add(name + "=" + env.get(name) + " oversubscribes the " + threads
                        + " logical CPUs: threads time-share cores and latency tails widen");
            }
        }

        for (String name : List.of("DNNL_MAX_CPU_ISA", "ONEDNN_MAX_CPU_ISA")) {
            String v = env.get(name);
            if (v == null || v.isBlank()) {
                continue;
            }
            String u = v.strip().toUpperCase(Locale.ROOT);
            if (u.equals("ALL") || u.equals("DEFAULT")) {
                continue;
            }
            if (amx && !u.contains("AMX")) {
                w.add(name + "=" + v + " caps oneDNN below AMX although this CPU has amx_tile: BF16/INT8 matmul and "
                        + "convolution run on slower kernels");
            } else if (avx512 && !u.contains("AVX512") && !u.contains("AVX10")) {
                w.add(name + "=" + v + " caps oneDNN below AVX-512 although this CPU has avx512f: matmul and "
                        + "convolution run on slower kernels");
            }
        }

        String mkl = env.get("MKL_ENABLE_INSTRUCTIONS");
        if (mkl != null && !mkl.isBlank()) {
            String u = mkl.strip().toUpperCase(Locale.ROOT);
            if ((avx512 && Set.of("SSE4_2", "AVX", "AVX2").contains(u)) || (avx2 && Set.of("SSE4_2", "AVX").contains(u))) {
                w.add("MKL_ENABLE_INSTRUCTIONS=" + mkl + " caps MKL below what this CPU supports ("
                        + (avx512 ? "avx512f" : "avx2") + "): MKL GEMM runs on slower kernels");
            }
        }
        if (env.containsKey("MKL_DEBUG_CPU_TYPE")) {
            w.add("MKL_DEBUG_CPU_TYPE=" + env.get("MKL_DEBUG_CPU_TYPE") + " overrides MKL's CPU dispatch (undocumented; "
                    + "ignored by MKL 2020 update 1 and later): say so when comparing MKL numbers");
        }

        if ("1".equals(env.get("CUDA_LAUNCH_BLOCKING"))) {
            w.add("CUDA_LAUNCH_BLOCKING=1 makes every CUDA kernel launch synchronous: GPU throughput and latency "
                    + "include host round trips");
        }
        String visible = env.get("CUDA_VISIBLE_DEVICES");
        if (visible != null && !spec.gpus().isEmpty()
                && (visible.isBlank() || visible.strip().equals("-1") || visible.strip().equalsIgnoreCase("NoDevFiles"))) {
            w.add("CUDA_VISIBLE_DEVICES=" + visible + " hides every GPU from CUDA runtimes although nvidia-smi sees "
                    + spec.gpus().size() + ": GPU backends will run on the CPU or not at all");
        }
        if ("0".equals(env.get("NVIDIA_TF32_OVERRIDE"))) {
            w.add("NVIDIA_TF32_OVERRIDE=0 disables TF32 in cuBLAS/cuDNN: FP32 matmul runs at the full-FP32 rate, not "
                    + "comparable with runs that allow TF32");
        }
        String preload = env.get("LD_PRELOAD");
        if (preload != null && !preload.isBlank()) {
            w.add("LD_PRELOAD=" + preload + " replaces native symbols in every library loaded: a preloaded BLAS or "
                    + "allocator changes what is measured");
        }
        return List.copyOf(w);
    }

    private static Integer leadingInt(String v) {
        if (v == null) {
            return null;
        }
        String head = v.strip().split("[,\\s]", 2)[0];
        try {
            return Integer.parseInt(head);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
