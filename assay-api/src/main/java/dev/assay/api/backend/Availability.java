package dev.assay.api.backend;

/** Whether a backend or workload can run here, and if not, why. */
public sealed interface Availability {
    boolean available();

    /** Usable; {@code detail} says with what (e.g. runtime version). */
    record Available(String detail) implements Availability {
        public boolean available() {
            return true;
        }
    }

    /** Not usable; {@code reason} is shown to the user verbatim. */
    record Unavailable(String reason) implements Availability {
        public Unavailable {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("an unavailable backend must say why");
            }
        }

        public boolean available() {
            return false;
        }
    }
}
