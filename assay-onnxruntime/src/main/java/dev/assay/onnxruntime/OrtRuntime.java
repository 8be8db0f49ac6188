package dev.assay.onnxruntime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtProvider;
import java.util.List;

/**
 * The process-wide ORT environment. Created on first use (this is what loads the native
 * library) with logging at ERROR so the runtime's informational warnings do not flood the CLI.
 */
final class OrtRuntime {
    private OrtRuntime() {
    }

    static OrtEnvironment env() {
        return OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "assay");
    }

    /** Provider names as ORT spells them, e.g. CPUExecutionProvider. */
    static List<String> providers() {
        return OrtEnvironment.getAvailableProviders().stream().map(OrtProvider::getName).sorted().toList();
    }

    static int processors() {
        return java.lang.Runtime.getRuntime().availableProcessors();
    }
}
