package dev.assay.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.bundle.Json;
import dev.assay.report.model.Units;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Materialises the HAND-WRITTEN fixture run (src/test/resources/fixture, see its README) into a
 * directory: run.json as committed, plus .hlog files synthesised deterministically from each
 * result's summary percentiles (stratified quantiles interpolated in log-latency over the
 * nines axis; no randomness), so spectra drawn from the .hlog agree with the tables. These
 * are test inputs, not measurements.
 */
public final class FixtureRun {
    private FixtureRun() {
    }

    /** The committed fixture tree. */
    public static ObjectNode tree() throws IOException {
        try (InputStream in = FixtureRun.class.getResourceAsStream("/fixture/run.json")) {
            return (ObjectNode) Json.mapper().readTree(in);
        }
    }

    /** Writes the fixture into {@code dir} and returns it. */
    public static Path create(Path dir) throws IOException {
        return create(dir, t -> { });
    }

    /** Writes the fixture, after {@code edit} changed the tree, into {@code dir}. */
    public static Path create(Path dir, Consumer<ObjectNode> edit) throws IOException {
        ObjectNode root = tree();
        edit.accept(root);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("run.json"), Json.pretty(root));
        for (JsonNode r : root.path("results")) {
            String hlog = r.path("details").path("loadgen").path("hlog").asText("");
            if (!hlog.isEmpty()) {
                writeHlog(dir.resolve(hlog), r.path("metrics"));
            }
        }
        return dir;
    }

    private static void writeHlog(Path file, JsonNode metrics) throws IOException {
        try (OutputStream os = Files.newOutputStream(file);
             PrintStream ps = new PrintStream(os, false, StandardCharsets.UTF_8)) {
            HistogramLogWriter w = new HistogramLogWriter(ps);
            w.outputComment("SYNTHESISED by FixtureRun from hand-written summary percentiles: not a measurement");
            w.outputStartTime(1_748_855_647_000L);
            w.setBaseTime(1_748_855_647_000L);
            w.outputLegend();
            for (String tag : List.of("latency", "service_time", "issue_lag")) {
                JsonNode d = metrics.path(tag);
                if (d.isMissingNode()) {
                    continue;
                }
                List<Histogram> intervals = synthesise(d, 10);
                for (int i = 0; i < intervals.size(); i++) {
                    Histogram h = intervals.get(i);
                    h.setTag(tag);
                    w.outputIntervalHistogram(i * 0.3, (i + 1) * 0.3, h);
                }
            }
        }
    }

    /** Stratified samples whose quantiles pass through the summary's p50/p90/p99/p999/max, split into intervals. */
    static List<Histogram> synthesise(JsonNode d, int intervals) {
        double toNs = Units.nanosPer(d.path("unit").asText("ms"));
        long n = d.path("count").asLong();
        double top = Math.log10(Math.max(n, 2));
        double[] knotsX = {0, Math.log10(2), 1, 2, 3, top};
        double[] knotsY = {d.path("p50").asDouble() * 0.85, d.path("p50").asDouble(), d.path("p90").asDouble(),
                d.path("p99").asDouble(), d.path("p999").asDouble(), d.path("max").asDouble()};
        List<Histogram> out = new ArrayList<>();
        for (int i = 0; i < intervals; i++) {
            out.add(new Histogram(3_600_000_000_000L, 3));
        }
        for (long i = 0; i < n; i++) {
            double u = (i + 0.5) / n;
            double x = -Math.log10(1 - u);
            double y = interpolate(knotsX, knotsY, Math.min(x, top));
            out.get((int) (i % intervals)).recordValue(Math.max(1, Math.round(y * toNs)));
        }
        return out;
    }

    private static double interpolate(double[] xs, double[] ys, double x) {
        for (int k = 1; k < xs.length; k++) {
            if (x <= xs[k] || k == xs.length - 1) {
                double x0 = xs[k - 1];
                double x1 = Math.max(xs[k], x0 + 1e-12);
                double t = Math.max(0, Math.min(1, (x - x0) / (x1 - x0)));
                double y0 = Math.log(Math.max(ys[k - 1], 1e-12));
                double y1 = Math.log(Math.max(ys[k], 1e-12));
                return Math.exp(y0 + t * (y1 - y0));
            }
        }
        return ys[ys.length - 1];
    }
}
