/**
 * Executor specification capture ({@code assay probe}): CPU, caches, ISA features, memory,
 * OS, kernel, virtualisation, JVM, GPUs (nvidia-smi), the environment variables that steer
 * native libraries, and the fingerprint over the comparability-relevant fields. Parsers are
 * pure functions over text and a root path so recorded fixtures test them; see docs/probe.md.
 */
package dev.assay.core.probe;
