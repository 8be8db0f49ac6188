/**
 * Result records as they appear in run.json: one {@link dev.assay.api.result.Result} per
 * measured configuration, with metrics, a validity verdict and warnings.
 */
package dev.assay.api.result;
