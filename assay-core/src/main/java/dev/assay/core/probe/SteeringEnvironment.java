package dev.assay.core.probe;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The environment variables that steer native libraries (BLAS, OpenMP, oneDNN, CUDA, the
 * runtimes themselves). They change what a number means without changing any code, so
 * they are part of the disclosure and of the fingerprint.
 */
public final class SteeringEnvironment {
    private SteeringEnvironment() {
    }

    /** Name prefixes captured. */
    public static final List<String> PREFIXES = List.of(
            "OPENBLAS_", "OMP_", "MKL_", "DNNL_", "ONEDNN_", "ORT_", "CUDA_", "CUBLAS_", "CUDNN_", "NCCL_",
            "KMP_", "GOMP_", "TF_", "PYTORCH_", "TORCH_", "DJL_");

    /** Exact names captured. */
    public static final List<String> NAMES = List.of(
            "JAVA_TOOL_OPTIONS", "LD_PRELOAD", "LD_LIBRARY_PATH", "NVIDIA_TF32_OVERRIDE", "OPENBLAS_CORETYPE");

    /**
     * TF_ is shared by TensorFlow and Terraform; Terraform's own variables say nothing about
     * an AI executor (and some carry tokens), so they are left out.
     */
    private static final List<String> TERRAFORM_PREFIXES = List.of(
            "TF_CLI_", "TF_VAR_", "TF_LOG", "TF_TOKEN_", "TF_PLUGIN_", "TF_REGISTRY_", "TF_DATA_DIR", "TF_WORKSPACE",
            "TF_INPUT", "TF_IN_AUTOMATION", "TF_APPEND_USER_AGENT", "TF_IGNORE", "TF_STATE_PERSIST_INTERVAL");

    /** Values of variables whose names contain these words are replaced: disclosure must not leak credentials. */
    private static final List<String> SECRET_WORDS = List.of("TOKEN", "SECRET", "PASSWORD", "PASSWD", "CREDENTIAL", "API_KEY");

    /** What a redacted value is replaced with. */
    public static final String REDACTED = "<redacted>";

    /** The steering variables in {@code env}, sorted by name, secrets redacted. */
    public static Map<String, String> capture(Map<String, String> env) {
        Map<String, String> out = new TreeMap<>();
        env.forEach((name, value) -> {
            if (steers(name)) {
                out.put(name, secret(name) ? REDACTED : value);
            }
        });
        return out;
    }

    /** Whether {@code name} is one Assay captures. */
    public static boolean steers(String name) {
        if (NAMES.contains(name)) {
            return true;
        }
        if (TERRAFORM_PREFIXES.stream().anyMatch(name::startsWith)) {
            return false;
        }
        return PREFIXES.stream().anyMatch(name::startsWith);
    }

    private static boolean secret(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(upper::contains);
    }
}
