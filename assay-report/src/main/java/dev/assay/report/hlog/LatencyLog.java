package dev.assay.report.hlog;

import dev.assay.report.model.Facts;
import dev.assay.report.model.Units;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * One {@code .hlog} file merged over its intervals, per tag. Untagged intervals take their
 * tag from the JSON key that referenced the file ("service_time_hlog" → service_time), else
 * "latency".
 *
 * @param file      the log file
 * @param unit      unit of the recorded values
 * @param byTag     merged histogram per tag (lower case), in first-seen order
 * @param intervals number of interval histograms read
 * @param problem   why the file could not be used, empty when it could
 */
public record LatencyLog(Path file, String unit, Map<String, Histogram> byTag, int intervals, String problem) {

    /** Tag of the headline latency (from scheduled time). */
    public static final String LATENCY = "latency";

    public LatencyLog {
        byTag = Collections.unmodifiableMap(new LinkedHashMap<>(byTag));
    }

    /** Reads a referenced log; an absent or corrupt file gives a log with a {@link #problem()}, never an exception. */
    public static LatencyLog read(Facts.HlogRef ref) {
        String defaultTag = defaultTag(ref.key());
        if (!Files.isRegularFile(ref.file())) {
            return new LatencyLog(ref.file(), ref.unit(), Map.of(), 0, "file not found: " + ref.file().getFileName());
        }
        Map<String, Histogram> tags = new LinkedHashMap<>();
        int n = 0;
        try (InputStream in = Files.newInputStream(ref.file());
             HistogramLogReader reader = new HistogramLogReader(in)) {
            EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram()) != null) {
                if (!(h instanceof Histogram hist)) {
                    continue; // DoubleHistogram intervals are not latency recordings
                }
                String tag = hist.getTag() == null ? defaultTag : hist.getTag().toLowerCase(Locale.ROOT);
                tags.computeIfAbsent(tag, t -> {
                    Histogram acc = new Histogram(3);
                    acc.setAutoResize(true);
                    return acc;
                }).add(hist);
                n++;
            }
        } catch (IOException | RuntimeException e) {
            return new LatencyLog(ref.file(), ref.unit(), Map.of(), n,
                    "unreadable " + ref.file().getFileName() + ": " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
        if (tags.isEmpty()) {
            return new LatencyLog(ref.file(), ref.unit(), Map.of(), n, "no interval histograms in " + ref.file().getFileName());
        }
        return new LatencyLog(ref.file(), ref.unit(), tags, n, "");
    }

    private static String defaultTag(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.contains("service")) {
            return "service_time";
        }
        if (k.contains("lag")) {
            return "issue_lag";
        }
        return LATENCY;
    }

    /** Whether the log holds data. */
    public boolean usable() {
        return problem.isEmpty();
    }

    /** Merged histogram of a tag. */
    public Optional<Histogram> tag(String tag) {
        return Optional.ofNullable(byTag.get(tag.toLowerCase(Locale.ROOT)));
    }

    /** Milliseconds per recorded unit (NaN when the unit is not a time unit). */
    public double msPerUnit() {
        return Units.toMillis(1, unit);
    }

    /**
     * Percentile spectrum: points (nines, ms) where nines = -log10(1 - p), sampled every
     * 0.05 nines up to the last percentile the sample count supports (1 - 1/n), ending at max.
     */
    public static List<double[]> spectrum(Histogram h, double msPerUnit) {
        List<double[]> out = new ArrayList<>();
        long n = h.getTotalCount();
        if (n == 0) {
            return out;
        }
        double scale = msPerUnit;
        double top = n > 1 ? Math.log10(n) : 0;
        for (double nines = 0; nines < top - 1e-9; nines += 0.05) {
            double p = 1 - Math.pow(10, -nines);
            out.add(new double[] {nines, h.getValueAtPercentile(100 * p) * scale});
        }
        out.add(new double[] {top, h.getMaxValue() * scale});
        return out;
    }

    /** Value (in the log's unit) at a rank fraction q of the merged histogram (HdrHistogram nearest rank). */
    public static double valueAtFraction(Histogram h, double q) {
        return h.getValueAtPercentile(Math.min(100.0, Math.max(0.0, 100.0 * q)));
    }
}
