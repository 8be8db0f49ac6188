package dev.assay.core.telemetry;

/**
 * How good a sampler is as an energy source, in order of preference (metrics.md: a cumulative
 * counter read at the window's ends beats power samples integrated over time).
 */
public enum Tier {
    /** Cumulative hardware energy counter (RAPL energy_uj, NVML total energy): exact delta over any window. */
    ENERGY_COUNTER,
    /** Power readings only; energy is their time integral, as good as the sampling period and the sensor's averaging. */
    POWER_SENSOR,
    /** No energy: utilisation, clocks, temperatures and throttle events that explain a result. */
    CONTEXT
}
