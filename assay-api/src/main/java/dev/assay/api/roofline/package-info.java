/**
 * Roofline SPIs: measured ceilings of an executor. A {@link dev.assay.api.roofline.CeilingProvider}
 * measures peak compute per precision through one runtime (vector FMA, ONNX Runtime GEMM, DJL
 * GEMM); a {@link dev.assay.api.roofline.BandwidthProbe} measures memory bandwidth. Both are
 * found by {@link java.util.ServiceLoader}, are cheap to construct and only do native or heavy
 * work inside {@code measure}. A ceiling that could not be measured is reported with its reason,
 * never estimated.
 */
package dev.assay.api.roofline;
