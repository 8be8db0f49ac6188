package dev.assay.core.precision;

/** How an executor handles a precision at one operating point. */
public enum CapabilityVerdict {
    /** FP32 itself: the baseline every other precision is compared against. */
    REFERENCE("reference"),
    /** The runtime has kernels for the precision and it is not slower than FP32. */
    NATIVE("native"),
    /** The runtime converts to FP32 around (some) compute (casts inserted, or QDQ left in FP32). */
    EMULATED("emulated"),
    /** Measured slower than FP32 side by side, beyond the tolerance. */
    SLOW_PATH("slow-path"),
    /** The runtime refused the precision. */
    UNSUPPORTED("unsupported"),
    /** Not enough information: no FP32 baseline and no graph verdict, or the run failed. */
    UNKNOWN("unknown");

    private final String id;

    CapabilityVerdict(String id) {
        this.id = id;
    }

    /** Id used in run.json. */
    public String id() {
        return id;
    }

    /** Precedence when several operating points of one precision disagree (higher wins). */
    int severity() {
        return switch (this) {
            case UNSUPPORTED -> 5;
            case SLOW_PATH -> 4;
            case EMULATED -> 3;
            case NATIVE -> 2;
            case REFERENCE -> 1;
            case UNKNOWN -> 0;
        };
    }
}
