package dev.assay.core.loadgen;

import dev.assay.api.loadgen.Arrival;
import dev.assay.api.loadgen.QuerySampleLibrary;
import dev.assay.api.loadgen.Scenario;
import dev.assay.api.loadgen.SystemUnderTest;
import dev.assay.api.result.Metric;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Finds the highest scheduled open-loop rate whose latency at the target percentile meets the
 * bound (the capacity-planning anchor): exponential widening from the start rate (x2 up while
 * the bound is met, /2 down while it is not) until the bound is bracketed, then bisection until
 * (high - low) / low &lt;= the relative precision. The peak is the highest rate that met it.
 *
 * <p>A probe meets the bound when its latency at the percentile (nearest rank, point estimate)
 * is within the bound, no query failed, every query completed, and the generator kept up (its
 * issue-lag check passed). A probe where the generator fell behind is not evidence about the
 * system under test, so the search stops widening there and says the generator limited it.
 * Each probe is a full run with the base settings (same seed, so probes differ only in rate);
 * early stopping is reported per probe but does not steer the search: at the true saturation
 * point a fraction 1-p of queries exceeds the bound, exactly where the binomial rule cannot yet
 * be satisfied.
 */
public final class SaturationSearch {
    /** Most probes before the search gives up refining. */
    static final int MAX_PROBES = 40;
    /** Lowest rate the downward widening tries. */
    static final double MIN_RATE = 1e-3;

    private final LoadGenerator generator;

    public SaturationSearch() {
        this(new LoadGenerator());
    }

    public SaturationSearch(LoadGenerator generator) {
        this.generator = generator;
    }

    /**
     * Runs the search.
     *
     * @param base              settings of every probe; needs a latency bound and percentile. A server
     *                          scenario's rate is the start and its arrival pattern is kept; any other
     *                          scenario starts at 100 queries/s with Poisson arrivals
     * @param relativePrecision stop when (high - low) / low is at most this, in (0, 1)
     */
    public SaturationResult find(SystemUnderTest sut, QuerySampleLibrary qsl, TestSettings base,
                                 double relativePrecision, int itemsPerSample, Consumer<String> progress) {
        if (base.latencyBound() == null) {
            throw new IllegalArgumentException("the saturation search needs a latency bound (--latency-bound)");
        }
        if (!(relativePrecision > 0 && relativePrecision < 1)) {
            throw new IllegalArgumentException("relative precision must be in (0, 1), was " + relativePrecision);
        }
        double start = 100;
        Arrival arrival = new Arrival.Poisson();
        if (base.scenario() instanceof Scenario.Server s) {
            start = s.targetQps();
            arrival = s.arrival();
        }
        Consumer<String> out = progress == null ? line -> { } : progress;
        List<SaturationProbe> probes = new ArrayList<>();
        double low = Double.NaN;
        double high = Double.NaN;
        LoadGenResult atLow = null;
        String limitedBy = "system under test";
        double rate = start;
        // Widening.
        while (probes.size() < MAX_PROBES) {
            Outcome o = probe(sut, qsl, base, arrival, rate, probes.size() + 1, itemsPerSample, out);
            probes.add(o.probe);
            if (o.probe.meetsBound()) {
                low = rate;
                atLow = o.result;
                if (!Double.isNaN(high)) {
                    break;
                }
                rate *= 2;
            } else {
                if (o.generatorBehind) {
                    limitedBy = "load generator";
                }
                high = rate;
                if (!Double.isNaN(low)) {
                    break;
                }
                if (rate / 2 < MIN_RATE) {
                    break;
                }
                rate /= 2;
            }
        }
        // Bisection.
        while (!Double.isNaN(low) && !Double.isNaN(high) && (high - low) / low > relativePrecision
                && probes.size() < MAX_PROBES) {
            double mid = (low + high) / 2;
            Outcome o = probe(sut, qsl, base, arrival, mid, probes.size() + 1, itemsPerSample, out);
            probes.add(o.probe);
            if (o.probe.meetsBound()) {
                low = mid;
                atLow = o.result;
            } else {
                high = mid;
                if (o.generatorBehind) {
                    limitedBy = "load generator";
                }
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("latency_bound_ms", base.latencyBound().toNanos() / 1e6);
        details.put("percentile", base.percentile());
        details.put("arrival", arrival.id());
        details.put("start_qps", start);
        details.put("relative_precision", relativePrecision);
        details.put("bracket_low_qps", Double.isNaN(low) ? null : low);
        details.put("bracket_high_qps", Double.isNaN(high) ? null : high);
        details.put("probes", probes.size());
        details.put("limited_by", Double.isNaN(high) ? null : limitedBy);
        details.put("criterion", "latency at the percentile (nearest rank) <= bound, no failed or unanswered query, "
                + "and the generator kept up (issue-lag check passed); early stopping is reported per probe, not used");
        details.put("curve", probes.stream().map(SaturationProbe::toMap).toList());
        String summary;
        if (Double.isNaN(low)) {
            summary = String.format(Locale.ROOT, "no probed rate met the bound (lowest probed %.4g queries/s)", high);
        } else if (Double.isNaN(high)) {
            summary = String.format(Locale.ROOT, "every probed rate met the bound up to %.4g queries/s (probe limit reached)", low);
        } else {
            summary = String.format(Locale.ROOT, "peak %.4g queries/s (next probe %.4g failed; limited by the %s)", low, high, limitedBy);
        }
        details.put("summary", summary);
        out.accept("find-peak: " + summary);
        return new SaturationResult(Double.isNaN(low) ? 0 : low, probes, atLow, details);
    }

    private record Outcome(SaturationProbe probe, LoadGenResult result, boolean generatorBehind) {
    }

    private Outcome probe(SystemUnderTest sut, QuerySampleLibrary qsl, TestSettings base, Arrival arrival, double rate,
                          int index, int itemsPerSample, Consumer<String> out) {
        Path hlog = base.hlog() == null ? null : probeLog(base.hlog(), index, rate);
        TestSettings s = base.withScenario(new Scenario.Server(rate, arrival)).withHlog(hlog);
        LoadGenResult r = generator.run(sut, qsl, s, itemsPerSample, null);
        double targetMs = r.latencyMs(base.percentile());
        double boundMs = base.latencyBound().toNanos() / 1e6;
        boolean behind = r.check("issue_lag").map(c -> !c.passed()).orElse(false);
        boolean failures = r.check("errors").map(c -> !c.passed()).orElse(false);
        boolean unanswered = r.check("completions").map(c -> !c.passed()).orElse(false);
        String note = null;
        if (Double.isNaN(targetMs)) {
            note = "no query completed";
        } else if (behind) {
            note = "the load generator fell behind";
        } else if (failures) {
            note = "queries failed";
        } else if (unanswered) {
            note = "queries unanswered";
        } else if (targetMs > boundMs) {
            note = String.format(Locale.ROOT, "%s %.3g ms over the %.3g ms bound", LoadGenResult.percentileLabel(base.percentile()),
                    targetMs, boundMs);
        }
        boolean meets = note == null;
        SaturationProbe p = new SaturationProbe(index, rate, r.value("query_rate"), r.value("throughput"),
                percentile(r, 50), percentile(r, 99), targetMs, meets, r.valid(), note,
                r.details().get("hlog") == null ? null : r.details().get("hlog").toString());
        out.accept(String.format(Locale.ROOT, "find-peak probe %d: %.4g qps -> %s %.3g ms %s", index, rate,
                LoadGenResult.percentileLabel(base.percentile()), targetMs, meets ? "(meets the bound)" : "(" + note + ")"));
        return new Outcome(p, r, behind);
    }

    private static double percentile(LoadGenResult r, int which) {
        if (r.metrics().get("latency") instanceof Metric.Distribution d) {
            return which == 50 ? d.p50() : d.p99();
        }
        return Double.NaN;
    }

    private static Path probeLog(Path base, int index, double rate) {
        String name = base.getFileName().toString();
        String stem = name.endsWith(".hlog") ? name.substring(0, name.length() - 5) : name;
        String file = String.format(Locale.ROOT, "%s.probe%02d-%.6gqps.hlog", stem, index, rate);
        return base.resolveSibling(file);
    }
}
