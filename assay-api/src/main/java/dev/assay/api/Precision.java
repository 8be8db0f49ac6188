package dev.assay.api;

import java.util.Locale;

/** Numeric regimes Assay reports separately; never merged into one number. */
public enum Precision {
    FP32, TF32, BF16, FP16, FP8, INT8, INT4;

    /** Lower-case id used in CLI flags, suite files and run.json. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses an id such as {@code fp16}; the message lists the accepted values. */
    public static Precision parse(String text) throws AssayException {
        for (Precision p : values()) {
            if (p.id().equalsIgnoreCase(text.trim())) {
                return p;
            }
        }
        throw AssayException.badInput("unknown precision '" + text + "' (allowed: fp32, tf32, bf16, fp16, fp8, int8, int4)");
    }
}
