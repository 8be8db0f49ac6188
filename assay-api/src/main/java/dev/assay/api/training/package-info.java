/**
 * Training SPI. Training is measured on a real training stack with its own metrics (step
 * time, samples/s, MFU, time-to-quality, memory footprint) and never folded into inference.
 */
package dev.assay.api.training;
