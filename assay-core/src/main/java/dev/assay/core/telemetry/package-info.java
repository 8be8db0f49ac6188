/**
 * Telemetry: pluggable {@link dev.assay.core.telemetry.TelemetrySampler}s (ServiceLoader), each
 * declaring the boundary it measures (CPU package, GPU board, host OS, node) and its tier
 * (energy counter, power sensor, context), and the {@link dev.assay.core.telemetry.EnergyMeter}
 * that turns their samples into an {@code energy} block (counter delta preferred, integrated
 * power as fallback, idle baseline, gross and net) and a {@code telemetry} block (utilisation,
 * clocks, temperatures, throttle events, clock drift). Every sampler reads below a root path so
 * tests run against recorded or constructed sysfs trees.
 */
package dev.assay.core.telemetry;
