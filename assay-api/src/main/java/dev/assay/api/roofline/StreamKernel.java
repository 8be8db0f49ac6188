package dev.assay.api.roofline;

/**
 * The four STREAM kernels and the bytes each moves per element, counted the STREAM way
 * (what the source code reads and writes; write-allocate traffic is not counted).
 */
public enum StreamKernel {
    /** {@code c[i] = a[i]}: one read, one write. */
    COPY(2),
    /** {@code b[i] = s * c[i]}: one read, one write. */
    SCALE(2),
    /** {@code c[i] = a[i] + b[i]}: two reads, one write. */
    ADD(3),
    /** {@code a[i] = b[i] + s * c[i]}: two reads, one write. */
    TRIAD(3);

    private final int arraysTouched;

    StreamKernel(int arraysTouched) {
        this.arraysTouched = arraysTouched;
    }

    /** Arrays read or written per element. */
    public int arraysTouched() {
        return arraysTouched;
    }

    /** Lower-case id used in JSON. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
