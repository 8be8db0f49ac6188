package dev.assay.api.roofline;

/**
 * What a {@link CeilingProvider} found for one precision: a measured ceiling, or the reason
 * there is none (precision unsupported by the runtime, native library missing, run failed).
 */
public sealed interface CeilingOutcome {
    /** Precision id this outcome is about. */
    String precision();

    /** Runtime that was tried. */
    String runtime();

    /** A measured ceiling. */
    record Measured(Ceiling ceiling) implements CeilingOutcome {
        public Measured {
            if (ceiling == null) {
                throw new IllegalArgumentException("a measured outcome needs its ceiling");
            }
        }

        @Override
        public String precision() {
            return ceiling.precision();
        }

        @Override
        public String runtime() {
            return ceiling.runtime();
        }
    }

    /** No ceiling; {@code reason} is shown to the user verbatim. */
    record NotMeasured(String precision, String runtime, String reason) implements CeilingOutcome {
        public NotMeasured {
            if (precision == null || precision.isBlank() || runtime == null || runtime.isBlank()) {
                throw new IllegalArgumentException("a missing ceiling must name its precision and runtime");
            }
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("a missing ceiling must say why");
            }
        }
    }
}
