package dev.assay.core.roofline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.api.roofline.BandwidthReport;
import dev.assay.api.roofline.BandwidthSample;
import dev.assay.api.roofline.Ceiling;
import dev.assay.api.roofline.CeilingOutcome;
import dev.assay.api.roofline.Effort;
import dev.assay.api.roofline.StreamKernel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The measured ceilings of one executor: memory bandwidth, compute peak per precision per
 * runtime, and the ISA's theoretical peak beside them. This is what is cached per executor
 * fingerprint and written into run.json's {@code roofline} block ({@link #toJson()}).
 *
 * @param fingerprint     executor fingerprint the measurement belongs to
 * @param effort          quick or full
 * @param measuredAt      UTC ISO-8601 time of the measurement
 * @param origin          {@code measured} or {@code cache <path>}: where this copy came from (not part of the cache)
 * @param bandwidth       the bandwidth measurement, or null
 * @param bandwidthReason why bandwidth is missing, or null when measured
 * @param outcomes        every ceiling outcome of every provider (measured or not, with reasons)
 * @param isa             theoretical ISA peaks and their assumptions
 * @param warnings        what the reader must know (e.g. a ceiling above the computed ISA peak)
 */
public record RooflineCeilings(String fingerprint, Effort effort, String measuredAt, String origin,
                               BandwidthReport bandwidth, String bandwidthReason, List<CeilingOutcome> outcomes,
                               IsaPeak.Report isa, List<String> warnings) {
    /** Version of the JSON layout; a cache file with another version is re-measured. */
    public static final int SCHEMA_VERSION = 1;

    public RooflineCeilings {
        if (fingerprint == null || fingerprint.isBlank()) {
            throw new IllegalArgumentException("roofline ceilings need the executor fingerprint");
        }
        if ((bandwidth == null) == (bandwidthReason == null)) {
            throw new IllegalArgumentException("bandwidth needs either a measurement or a reason, not both or neither");
        }
        outcomes = List.copyOf(outcomes);
        warnings = List.copyOf(warnings);
    }

    /** Best triad bandwidth over all thread counts in GB/s, if measured. */
    public Optional<Double> bandwidthGbs() {
        if (bandwidth == null) {
            return Optional.empty();
        }
        BandwidthSample triad = bandwidth.best(StreamKernel.TRIAD);
        return triad == null ? Optional.empty() : Optional.of(triad.gbs());
    }

    /** Highest measured ceiling per precision, over all runtimes. */
    public Map<String, Ceiling> peaks() {
        Map<String, Ceiling> best = new TreeMap<>();
        for (CeilingOutcome o : outcomes) {
            if (o instanceof CeilingOutcome.Measured(Ceiling c)) {
                best.merge(c.precision(), c, (x, y) -> y.gflops() > x.gflops() ? y : x);
            }
        }
        return best;
    }

    /**
     * The ceiling for a precision: the one reached through a runtime whose name starts with
     * {@code runtimePrefix} when given and measured, else the best over all runtimes.
     */
    public Optional<Ceiling> peak(String precision, String runtimePrefix) {
        if (runtimePrefix != null && !runtimePrefix.isBlank()) {
            Optional<Ceiling> hit = outcomes.stream()
                    .filter(o -> o instanceof CeilingOutcome.Measured)
                    .map(o -> ((CeilingOutcome.Measured) o).ceiling())
                    .filter(c -> c.precision().equals(precision) && c.runtime().startsWith(runtimePrefix))
                    .max(java.util.Comparator.comparingDouble(Ceiling::gflops));
            if (hit.isPresent()) {
                return hit;
            }
        }
        return Optional.ofNullable(peaks().get(precision));
    }

    /** Why a precision has no measured ceiling: the providers' reasons joined, or a generic one. */
    public String missingReason(String precision) {
        List<String> reasons = new ArrayList<>();
        for (CeilingOutcome o : outcomes) {
            if (o instanceof CeilingOutcome.NotMeasured n && n.precision().equals(precision)) {
                reasons.add(n.runtime() + ": " + n.reason());
            }
        }
        return reasons.isEmpty() ? "no ceiling provider measures " + precision : String.join("; ", reasons);
    }

    /** The same ceilings with another origin. */
    public RooflineCeilings withOrigin(String newOrigin) {
        return new RooflineCeilings(fingerprint, effort, measuredAt, newOrigin, bandwidth, bandwidthReason, outcomes, isa,
                warnings);
    }

    /** The JSON document (cache file and run.json {@code roofline} block); keys are snake_case. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema_version", SCHEMA_VERSION);
        m.put("fingerprint", fingerprint);
        m.put("mode", effort.name().toLowerCase(Locale.ROOT));
        m.put("measured_at", measuredAt);
        m.put("origin", origin);
        m.put("bandwidth_gbs", bandwidthGbs().orElse(null));
        m.put("bandwidth", bandwidthJson());
        Map<String, Object> peaks = new TreeMap<>();
        Map<String, Ceiling> best = peaks();
        for (CeilingOutcome o : outcomes) {
            String precision = o.precision();
            if (peaks.containsKey(precision)) {
                continue;
            }
            Map<String, Object> p = new LinkedHashMap<>();
            Ceiling c = best.get(precision);
            IsaPeak.Entry isaEntry = isa.entries().get(precision);
            Object isaValue = isaEntry == null ? "not computed: no ISA model for " + precision
                    : isaEntry.gflops() != null ? (Object) isaEntry.gflops() : isaEntry.notComputed();
            if (c != null) {
                p.put("value", c.gflops());
                p.put("runtime", c.runtime());
                p.put("method", c.method());
                p.put("isa_peak_gflops", isaValue);
                p.put("fraction_of_isa_peak", isaEntry != null && isaEntry.gflops() != null
                        ? (Object) (c.gflops() / isaEntry.gflops()) : null);
            } else { // tried but never measured: say so under the precision's own key
                p.put("value", null);
                p.put("reason", "not measured: " + missingReason(precision));
                p.put("isa_peak_gflops", isaValue);
            }
            peaks.put(precision, p);
        }
        m.put("peak_gflops", peaks);
        List<Map<String, Object>> all = new ArrayList<>();
        for (CeilingOutcome o : outcomes) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("precision", o.precision());
            e.put("runtime", o.runtime());
            switch (o) {
                case CeilingOutcome.Measured(Ceiling c) -> {
                    e.put("gflops", c.gflops());
                    e.put("method", c.method());
                }
                case CeilingOutcome.NotMeasured n -> {
                    e.put("gflops", null);
                    e.put("reason", n.reason());
                }
            }
            all.add(e);
        }
        m.put("ceilings", all);
        Map<String, Object> isaJson = new LinkedHashMap<>();
        for (IsaPeak.Entry e : isa.entries().values()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("value", e.gflops());
            if (e.gflops() != null) {
                x.put("basis", e.basis());
            } else {
                x.put("reason", e.notComputed());
            }
            isaJson.put(e.precision(), x);
        }
        m.put("isa_peak_gflops", isaJson);
        m.put("isa_assumptions", isa.assumptions());
        m.put("warnings", warnings);
        return m;
    }

    private Map<String, Object> bandwidthJson() {
        Map<String, Object> b = new LinkedHashMap<>();
        if (bandwidth == null) {
            b.put("measured", false);
            b.put("reason", bandwidthReason);
            return b;
        }
        b.put("measured", true);
        b.put("runtime", bandwidth.runtime());
        b.put("method", bandwidth.method());
        b.put("array_bytes", bandwidth.arrayBytes());
        b.put("llc_bytes", bandwidth.llcBytes());
        b.put("llc_source", bandwidth.llcSource());
        Map<String, Object> best = new LinkedHashMap<>();
        for (StreamKernel k : StreamKernel.values()) {
            BandwidthSample s = bandwidth.best(k);
            best.put(k.id(), s == null ? null : s.gbs());
        }
        b.put("best_gbs", best);
        List<Map<String, Object>> kernels = new ArrayList<>();
        for (BandwidthSample s : bandwidth.samples()) {
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("kernel", s.kernel().id());
            k.put("threads", s.threads());
            k.put("gbs", s.gbs());
            k.put("best_s", s.bestSeconds());
            k.put("bytes", s.bytes());
            kernels.add(k);
        }
        b.put("kernels", kernels);
        b.put("warnings", bandwidth.warnings());
        return b;
    }

    /**
     * Reads a document written by {@link #toJson()}.
     *
     * @throws IllegalArgumentException when the document is not a roofline of this schema version
     */
    public static RooflineCeilings fromJson(JsonNode n, String origin) {
        if (n == null || !n.isObject() || n.path("schema_version").asInt(-1) != SCHEMA_VERSION) {
            throw new IllegalArgumentException("not a roofline document of schema version " + SCHEMA_VERSION);
        }
        Effort effort = Effort.valueOf(n.path("mode").asText("quick").toUpperCase(Locale.ROOT));
        BandwidthReport bw = null;
        String bwReason = null;
        JsonNode b = n.path("bandwidth");
        if (b.path("measured").asBoolean(false)) {
            List<BandwidthSample> samples = new ArrayList<>();
            for (JsonNode k : b.path("kernels")) {
                samples.add(new BandwidthSample(StreamKernel.valueOf(k.path("kernel").asText().toUpperCase(Locale.ROOT)),
                        k.path("threads").asInt(), k.path("gbs").asDouble(), k.path("best_s").asDouble(),
                        k.path("bytes").asLong()));
            }
            bw = new BandwidthReport(b.path("runtime").asText(), b.path("method").asText(), b.path("array_bytes").asLong(),
                    b.path("llc_bytes").asLong(), b.path("llc_source").asText(), samples, strings(b.path("warnings")));
        } else {
            bwReason = b.path("reason").asText("bandwidth not measured (reason not recorded)");
        }
        List<CeilingOutcome> outcomes = new ArrayList<>();
        for (JsonNode c : n.path("ceilings")) {
            String precision = c.path("precision").asText();
            String runtime = c.path("runtime").asText();
            if (c.path("gflops").isNumber()) {
                outcomes.add(new CeilingOutcome.Measured(new Ceiling(precision, c.path("gflops").asDouble(), runtime,
                        c.path("method").asText())));
            } else {
                outcomes.add(new CeilingOutcome.NotMeasured(precision, runtime, c.path("reason").asText("reason not recorded")));
            }
        }
        Map<String, IsaPeak.Entry> isa = new LinkedHashMap<>();
        n.path("isa_peak_gflops").properties().forEach(e -> {
            JsonNode v = e.getValue();
            isa.put(e.getKey(), v.path("value").isNumber()
                    ? new IsaPeak.Entry(e.getKey(), v.path("value").asDouble(), v.path("basis").asText(), null)
                    : new IsaPeak.Entry(e.getKey(), null, null, v.path("reason").asText("not computed")));
        });
        return new RooflineCeilings(n.path("fingerprint").asText(), effort, n.path("measured_at").asText(), origin, bw,
                bwReason, outcomes, new IsaPeak.Report(isa, strings(n.path("isa_assumptions"))), strings(n.path("warnings")));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(x -> out.add(x.asText()));
        return out;
    }
}
