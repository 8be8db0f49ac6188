/**
 * Measurement kernels written with the incubator Vector API ({@code jdk.incubator.vector}), the
 * only module allowed to use it: a STREAM-like bandwidth probe ({@link dev.assay.kernels.stream})
 * and a vector-FMA compute peak ({@link dev.assay.kernels.fma}). Both are plugged into the
 * roofline through the SPIs in {@code dev.assay.api.roofline}. Providers check at run time that the
 * incubator module was added to the JVM and report "not measured" with the flag to add when it was not.
 */
package dev.assay.kernels;
