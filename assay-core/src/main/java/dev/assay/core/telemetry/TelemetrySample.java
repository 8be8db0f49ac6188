package dev.assay.core.telemetry;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One reading of one sampler. The meter stamps the time; samplers only read.
 *
 * @param energyJ  cumulative energy in joules since the session opened (wrap-around already
 *                 resolved), or NaN when this sampler counts no energy
 * @param powerW   power in watts at this reading, or NaN when not read
 * @param channels named context values, unit in the name ({@code cpu_util_pct}, {@code cpu_freq_mhz},
 *                 {@code temp_c_max}, {@code gpu0_sm_clock_mhz}, ...)
 * @param events   events active at this reading, e.g. {@code gpu0:SwPowerCap}
 */
public record TelemetrySample(double energyJ, double powerW, Map<String, Double> channels, Set<String> events) {
    public TelemetrySample {
        channels = java.util.Collections.unmodifiableMap(new TreeMap<>(channels));
        events = java.util.Collections.unmodifiableSet(new TreeSet<>(events));
    }

    /** A reading with context channels only. */
    public static TelemetrySample context(Map<String, Double> channels) {
        return new TelemetrySample(Double.NaN, Double.NaN, channels, Set.of());
    }

    /** True when {@link #energyJ()} holds a value. */
    public boolean hasEnergy() {
        return !Double.isNaN(energyJ);
    }

    /** True when {@link #powerW()} holds a value. */
    public boolean hasPower() {
        return !Double.isNaN(powerW);
    }
}
