/**
 * Assay's public vocabulary: precisions, phases, the one checked exception, and the
 * sub-packages holding the load-generator SPI, backend SPI, result records and executor
 * specification records. This module has no dependencies so that every backend can
 * implement it without dragging the core along.
 */
package dev.assay.api;
