package dev.assay.core.telemetry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Energy and telemetry of one measured window, as produced by {@link EnergyMeter#stop()}.
 *
 * @param measured  true when the primary source gave an energy number
 * @param grossJ    energy in the primary boundary over the window (NaN when not measured)
 * @param netJ      gross minus idle power x window (NaN when either is missing)
 * @param windowS   window length in seconds
 * @param energy    the {@code energy} block without per-unit figures (see {@link #energyJson(Map)})
 * @param telemetry the {@code telemetry} block: samplers, channel statistics, events, clock drift
 * @param warnings  what the reader must know: throttling, clock drift, read errors, counters that did not move
 */
public record EnergyReport(boolean measured, double grossJ, double netJ, double windowS, Map<String, Object> energy,
                           Map<String, Object> telemetry, List<String> warnings) {
    private static final Pattern UNIT = Pattern.compile("[a-z][a-z_]*");

    public EnergyReport {
        energy = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(energy));
        telemetry = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(telemetry));
        warnings = List.copyOf(warnings);
    }

    /**
     * The {@code energy} block with per-unit energy: for each unit (e.g. {@code inference},
     * {@code token}, {@code step}) and the count completed in the window, {@code energy_per_<unit>}
     * = gross / count and {@code net_energy_per_<unit>} = net / count, in joules.
     *
     * @param counts unit name (lower case) to the number completed in the window
     */
    public Map<String, Object> energyJson(Map<String, ? extends Number> counts) {
        Map<String, Object> m = new LinkedHashMap<>(energy);
        if (!measured) {
            return m;
        }
        for (Map.Entry<String, ? extends Number> e : counts.entrySet()) {
            if (!UNIT.matcher(e.getKey()).matches()) {
                throw new IllegalArgumentException("energy unit must be lower-case letters and _, was '" + e.getKey() + "'");
            }
            double n = e.getValue().doubleValue();
            String key = "energy_per_" + e.getKey();
            if (!(n > 0)) {
                m.put(key, "not computed: no " + e.getKey() + " completed in the window");
                m.put("net_" + key, "not computed: no " + e.getKey() + " completed in the window");
                continue;
            }
            m.put(key, grossJ / n);
            m.put("net_" + key, Double.isNaN(netJ) ? m.get("net_j") : (Object) (netJ / n));
        }
        return m;
    }

    /** Builds the report of one window. */
    static EnergyReport of(EnergyMeter meter, EnergyMeter.Recording r) {
        List<String> warnings = new ArrayList<>(r.errors);
        double window = (r.endNanos - r.startNanos) / 1e9;
        double period = meter.settings().samplePeriod().toNanos() / 1e9;
        List<EnergyMeter.Opened> sources = meter.energySources();
        Map<String, Object> energy = new LinkedHashMap<>();
        boolean measured = false;
        double gross = Double.NaN;
        double net = Double.NaN;
        if (sources.isEmpty()) {
            energy.put("measured", false);
            energy.put("reason", "energy: not measured (no readable sensor: " + String.join("; ", meter.unavailable()) + ")");
        } else {
            List<Map<String, Object>> others = new ArrayList<>();
            for (int i = 0; i < sources.size(); i++) {
                EnergyMeter.Opened o = sources.get(i);
                Map<String, Object> block = sourceBlock(meter, o, r, window, period, warnings);
                if (i == 0) {
                    energy.putAll(block);
                    measured = Boolean.TRUE.equals(block.get("measured"));
                    if (measured) {
                        gross = (Double) block.get("gross_j");
                        net = block.get("net_j") instanceof Double d ? d : Double.NaN;
                    }
                } else {
                    others.add(block);
                }
            }
            energy.put("also_measured", others);
            energy.put("unavailable_sensors", meter.unavailable());
        }
        return new EnergyReport(measured, gross, net, window, energy, telemetry(meter, r, warnings), warnings);
    }

    private static Map<String, Object> sourceBlock(EnergyMeter meter, EnergyMeter.Opened o, EnergyMeter.Recording r,
                                                   double window, double period, List<String> warnings) {
        Map<String, Object> b = new LinkedHashMap<>();
        EnergyMeter.Integrated e = EnergyMeter.integrate(r.of(o));
        b.put("source", o.label());
        b.put("boundary", o.sampler().boundary().label());
        b.put("sampling_period_s", period > 0 ? period : "window ends only");
        b.put("samples", e.samples());
        b.put("window_s", window);
        if (e.joules() == null) {
            b.put("measured", false);
            b.put("reason", "energy: not measured (" + o.sampler().name() + ": " + e.reason() + ")");
            return b;
        }
        if (e.joules() <= 0 && "counter delta".equals(e.method())) {
            b.put("measured", false);
            b.put("reason", String.format(Locale.ROOT, "energy: not measured (%s counter did not advance in %.3f s: "
                    + "window shorter than the counter's update interval)", o.sampler().name(), window));
            return b;
        }
        b.put("measured", true);
        b.put("method", e.method());
        b.put("gross_j", e.joules());
        b.put("avg_power_w", window > 0 ? e.joules() / window : null);
        Double idle = meter.idleWatts(o);
        if (idle != null) {
            double net = e.joules() - idle * window;
            b.put("idle_w", idle);
            b.put("idle_window_s", meter.idleSeconds());
            b.put("net_j", net);
            b.put("net_avg_power_w", window > 0 ? net / window : null);
            if (net < 0) {
                warnings.add(String.format(Locale.ROOT, "energy (%s): net energy is negative (%.3f J): the idle baseline "
                        + "(%.2f W) is above the window's average power; the baseline was noisy or the host busier before the run",
                        o.sampler().boundary().label(), net, idle));
            }
        } else {
            String why = meter.idleMissing(o);
            b.put("idle_w", "not measured: " + why);
            b.put("net_j", "not computed: " + why);
        }
        return b;
    }

    private static Map<String, Object> telemetry(EnergyMeter meter, EnergyMeter.Recording r, List<String> warnings) {
        Map<String, Object> t = new LinkedHashMap<>();
        List<Map<String, Object>> samplers = new ArrayList<>();
        Map<String, List<Double>> series = new TreeMap<>();
        Map<String, Integer> events = new TreeMap<>();
        int windowSamples = 0;
        for (EnergyMeter.Opened o : meter.openedSamplers()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", o.sampler().name());
            s.put("boundary", o.sampler().boundary().label());
            s.put("tier", o.sampler().tier().name().toLowerCase(Locale.ROOT));
            s.put("source", o.session().source());
            samplers.add(s);
            List<EnergyMeter.Timed> samples = r.of(o);
            windowSamples = Math.max(windowSamples, samples.size());
            for (EnergyMeter.Timed timed : samples) {
                timed.sample().channels().forEach((k, v) -> series.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
                for (String ev : timed.sample().events()) {
                    events.merge(ev, 1, Integer::sum);
                }
            }
        }
        for (String u : meter.unavailable()) {
            samplers.add(Map.of("unavailable", u));
        }
        t.put("samplers", samplers);
        Map<String, Object> stats = new LinkedHashMap<>();
        series.forEach((k, v) -> {
            Map<String, Object> s = new LinkedHashMap<>();
            if (k.endsWith("_j") || k.equals("rapl_wraps")) { // cumulative channels: only the change is meaningful
                s.put("delta", v.getLast() - v.getFirst());
            } else {
                s.put("min", v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN));
                s.put("mean", v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN));
                s.put("max", v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
            }
            s.put("samples", v.size());
            stats.put(k, s);
        });
        t.put("channels", stats);
        t.put("events", events);
        List<String> throttles = events.entrySet().stream()
                .filter(e -> ClockEventReasons.isThrottle(e.getKey().substring(e.getKey().indexOf(':') + 1)))
                .map(e -> e.getKey() + " (" + e.getValue() + " sample(s))").toList();
        if (!throttles.isEmpty()) {
            warnings.add("throttle events during the window: " + String.join(", ", throttles));
        }
        t.put("clock_drift", clockDrift(series, meter.settings().clockDropWarnFraction(), warnings));
        return t;
    }

    /** Compares each clock channel's mean over the first and the last third of the window. */
    static Map<String, Object> clockDrift(Map<String, List<Double>> series, double warnFraction, List<String> warnings) {
        Map<String, Object> out = new LinkedHashMap<>();
        series.forEach((k, v) -> {
            if (!(k.equals("cpu_freq_mhz") || k.endsWith("_clock_mhz"))) {
                return;
            }
            if (v.size() < 3) {
                out.put(k, "not computed: " + v.size() + " sample(s), need >= 3");
                return;
            }
            int third = v.size() / 3;
            double first = v.subList(0, third).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double last = v.subList(v.size() - third, v.size()).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double change = first > 0 ? (last - first) / first : 0;
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("first_third_mean", first);
            d.put("last_third_mean", last);
            d.put("change_pct", 100 * change);
            out.put(k, d);
            if (-change > warnFraction) {
                warnings.add(String.format(Locale.ROOT, "clock drift: %s fell %.1f%% (%.0f -> %.0f MHz) between the first "
                        + "and last third of the window: throttling or power management", k, -100 * change, first, last));
            }
        });
        return out;
    }
}
