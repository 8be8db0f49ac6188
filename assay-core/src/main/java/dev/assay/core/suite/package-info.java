/**
 * Suites: YAML files declaring a grid of workloads x precisions x batches x sequence
 * lengths x scenarios, resolved with CLI overrides into one immutable plan, and the runner
 * that executes the plan into a run directory.
 */
package dev.assay.core.suite;
