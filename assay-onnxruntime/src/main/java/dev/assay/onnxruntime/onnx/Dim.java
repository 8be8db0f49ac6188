package dev.assay.onnxruntime.onnx;

/**
 * One tensor dimension: a fixed size, a named symbolic size (e.g. {@code batch}), or unknown.
 *
 * @param value the size, or -1 when symbolic or unknown
 * @param param the symbolic name, or null
 */
public record Dim(long value, String param) {
    public Dim {
        if (value < -1) {
            throw new IllegalArgumentException("dimension must be >= 0 or -1 (symbolic), was " + value);
        }
        if (value >= 0 && param != null) {
            throw new IllegalArgumentException("dimension " + value + " cannot also be symbolic '" + param + "'");
        }
    }

    public static Dim of(long value) {
        return new Dim(value, null);
    }

    public static Dim param(String name) {
        return new Dim(-1, name);
    }

    public static Dim unknown() {
        return new Dim(-1, null);
    }

    public boolean isFixed() {
        return value >= 0;
    }

    @Override
    public String toString() {
        return value >= 0 ? Long.toString(value) : param != null ? param : "?";
    }
}
