/**
 * Reading the interval histogram logs ({@code .hlog}) a run leaves beside run.json, so that
 * latency spectra and percentile confidence intervals come from raw data, not summaries.
 */
package dev.assay.report.hlog;
