/**
 * Vector-FMA compute peak: FP32 fused multiply-adds on the preferred vector shape with enough
 * independent accumulators to hide the FMA latency, per thread and on all threads.
 */
package dev.assay.kernels.fma;
