/** Benchmarks recorded in BENCHMARKS.md (run by hand, never as unit tests). */
package dev.assay.onnxruntime.bench;
