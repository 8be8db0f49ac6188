/**
 * Reports of a run directory: {@link dev.assay.report.ReportWriter} writes report.html
 * (self-contained), report.md and results.csv; {@code dev.assay.report.compare} compares runs.
 */
package dev.assay.report;
