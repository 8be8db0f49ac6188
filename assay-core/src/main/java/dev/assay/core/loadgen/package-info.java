/**
 * The load generator: scenarios compiled into seeded schedules, latency measured from the
 * scheduled time (coordinated-omission safe) with issue lag and service time beside it,
 * lock-free HdrHistogram recording, interval logs, validity verdicts with early stopping,
 * the saturation search and the generator's self-test. See docs/loadgen.md.
 */
package dev.assay.core.loadgen;
