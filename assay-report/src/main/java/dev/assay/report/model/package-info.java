/**
 * A defensive, read-only view of a run directory: run.json read as a Jackson tree (never by
 * record binding, so reports survive schema growth and partial runs), with lenient field
 * lookup ({@code seqLen} and {@code seq_len} are the same key) and metrics classified by shape.
 */
package dev.assay.report.model;
