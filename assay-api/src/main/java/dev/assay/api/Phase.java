package dev.assay.api;

import java.util.Locale;

/** Training and inference are different workloads with different metrics; results carry which. */
public enum Phase {
    INFERENCE, TRAINING;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
