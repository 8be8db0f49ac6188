package dev.assay.djl;

import dev.assay.api.AssayException;
import dev.assay.api.Phase;
import dev.assay.api.backend.WorkloadDescriptor;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The built-in training workloads of the DJL backend. */
enum WorkloadKind {
    MLP_FASHION("mlp-fashion", "MLP 784-256-128-10 on Fashion-MNIST (synthetic task if not installed)", 0.85, 10),
    CNN_FASHION("cnn-fashion", "small CNN (2 conv + 2 dense) on Fashion-MNIST (synthetic task if not installed)",
            0.88, 5),
    LM_TINY("lm-tiny", "decoder-only transformer LM (2 layers, d=128) on synthetic tokens: tokens/s, MFU", 0, 1);

    /** Precisions the workloads can be asked for; whether they run is probed, not assumed. */
    static final List<String> PRECISIONS = List.of("fp32", "fp16", "bf16");

    private final String id;
    private final String description;
    private final double defaultTargetAccuracy;
    private final int defaultMaxEpochs;

    WorkloadKind(String id, String description, double defaultTargetAccuracy, int defaultMaxEpochs) {
        this.id = id;
        this.description = description;
        this.defaultTargetAccuracy = defaultTargetAccuracy;
        this.defaultMaxEpochs = defaultMaxEpochs;
    }

    String id() {
        return id;
    }

    boolean isClassifier() {
        return this != LM_TINY;
    }

    double defaultTargetAccuracy() {
        return isClassifier() ? defaultTargetAccuracy : 0.5; // unused for the LM; a valid placeholder for parsing
    }

    int defaultMaxEpochs() {
        return defaultMaxEpochs;
    }

    WorkloadDescriptor descriptor() {
        return new WorkloadDescriptor(id, Phase.TRAINING, description, PRECISIONS);
    }

    static WorkloadKind parse(String id) throws AssayException {
        for (WorkloadKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        throw AssayException.badInput("unknown training workload '" + id + "' for backend djl (allowed: "
                + Arrays.stream(values()).map(WorkloadKind::id).collect(Collectors.joining(", ")) + ")");
    }
}
