/**
 * Precision capability matrix: native / emulated / unsupported / slow-path per precision,
 * from the backends' graph verdicts and throughput measured side by side with FP32.
 */
package dev.assay.core.precision;
