/** The run directory: run.json (schema-versioned), interval histogram logs, atomic writes. */
package dev.assay.core.bundle;
