package dev.assay.kernels.stream;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The four STREAM kernels over off-heap double arrays, vectorised with the preferred species
 * (256-bit on AVX2, 512-bit on AVX-512). Each works on the element range {@code [from, to)}
 * so a gang of threads can split the arrays into contiguous chunks.
 * Triad uses one fused multiply-add per lane; rounding differs from {@code b + s*c} in the last
 * bit, which does not matter for a bandwidth measurement and is covered by the validation tolerance.
 */
final class StreamKernels {
    static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    private static final ValueLayout.OfDouble D = ValueLayout.JAVA_DOUBLE;

    private StreamKernels() {
    }

    /** {@code c[i] = a[i]}. */
    static void copy(MemorySegment a, MemorySegment c, long from, long to) {
        long i = from;
        long upper = from + SPECIES.loopBound(to - from);
        for (; i < upper; i += LANES) {
            DoubleVector.fromMemorySegment(SPECIES, a, i * 8, ORDER).intoMemorySegment(c, i * 8, ORDER);
        }
        for (; i < to; i++) {
            c.setAtIndex(D, i, a.getAtIndex(D, i));
        }
    }

    /** {@code b[i] = s * c[i]}. */
    static void scale(MemorySegment b, MemorySegment c, double s, long from, long to) {
        DoubleVector vs = DoubleVector.broadcast(SPECIES, s);
        long i = from;
        long upper = from + SPECIES.loopBound(to - from);
        for (; i < upper; i += LANES) {
            DoubleVector.fromMemorySegment(SPECIES, c, i * 8, ORDER).mul(vs).intoMemorySegment(b, i * 8, ORDER);
        }
        for (; i < to; i++) {
            b.setAtIndex(D, i, s * c.getAtIndex(D, i));
        }
    }

    /** {@code c[i] = a[i] + b[i]}. */
    static void add(MemorySegment a, MemorySegment b, MemorySegment c, long from, long to) {
        long i = from;
        long upper = from + SPECIES.loopBound(to - from);
        for (; i < upper; i += LANES) {
            DoubleVector.fromMemorySegment(SPECIES, a, i * 8, ORDER)
                    .add(DoubleVector.fromMemorySegment(SPECIES, b, i * 8, ORDER))
                    .intoMemorySegment(c, i * 8, ORDER);
        }
        for (; i < to; i++) {
            c.setAtIndex(D, i, a.getAtIndex(D, i) + b.getAtIndex(D, i));
        }
    }

    /** {@code a[i] = b[i] + s * c[i]}. */
    static void triad(MemorySegment a, MemorySegment b, MemorySegment c, double s, long from, long to) {
        DoubleVector vs = DoubleVector.broadcast(SPECIES, s);
        long i = from;
        long upper = from + SPECIES.loopBound(to - from);
        for (; i < upper; i += LANES) {
            DoubleVector.fromMemorySegment(SPECIES, c, i * 8, ORDER)
                    .fma(vs, DoubleVector.fromMemorySegment(SPECIES, b, i * 8, ORDER))
                    .intoMemorySegment(a, i * 8, ORDER);
        }
        for (; i < to; i++) {
            a.setAtIndex(D, i, Math.fma(s, c.getAtIndex(D, i), b.getAtIndex(D, i)));
        }
    }

    /** Fills {@code [from, to)} with a constant (parallel first touch). */
    static void fill(MemorySegment x, double value, long from, long to) {
        DoubleVector v = DoubleVector.broadcast(SPECIES, value);
        long i = from;
        long upper = from + SPECIES.loopBound(to - from);
        for (; i < upper; i += LANES) {
            v.intoMemorySegment(x, i * 8, ORDER);
        }
        for (; i < to; i++) {
            x.setAtIndex(D, i, value);
        }
    }

    /** Human-readable description of the vector shape, e.g. {@code DoubleVector 256-bit (4 lanes)}. */
    static String shape() {
        return "DoubleVector " + SPECIES.vectorBitSize() + "-bit (" + LANES + " lanes)";
    }
}
