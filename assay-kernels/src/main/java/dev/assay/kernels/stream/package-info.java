/**
 * STREAM-like memory bandwidth: copy, scale, add and triad over off-heap double arrays of at
 * least 4x the last-level cache (read from sysfs), written with the Vector API, 1..N threads,
 * best of several repetitions, bytes counted the STREAM way.
 */
package dev.assay.kernels.stream;
