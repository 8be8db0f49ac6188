package dev.assay.api;

/**
 * The one checked exception at Assay's API edges. The {@link Kind} decides the CLI exit
 * code: bad input is exit 2; the others are reported as results or run failures.
 */
public final class AssayException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why something failed, which decides how the CLI and the suite runner react. */
    public enum Kind {
        /** The user's input is wrong: missing file, malformed model, bad flag value. Exit 2. */
        BAD_INPUT,
        /** The backend or device cannot do this (e.g. a precision); reported as a result, not a crash. */
        UNSUPPORTED,
        /** The backend failed while running. */
        BACKEND_FAILURE
    }

    private final Kind kind;

    public AssayException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public AssayException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static AssayException badInput(String message) {
        return new AssayException(Kind.BAD_INPUT, message);
    }

    public static AssayException unsupported(String message) {
        return new AssayException(Kind.UNSUPPORTED, message);
    }

    public static AssayException failure(String message, Throwable cause) {
        return new AssayException(Kind.BACKEND_FAILURE, message, cause);
    }
}
