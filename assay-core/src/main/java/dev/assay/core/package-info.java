/** Assay's engine: load generator, probes, statistics, suites and the result bundle. */
package dev.assay.core;
