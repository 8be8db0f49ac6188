package dev.assay.core.loadgen;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Streams interval histograms to an HdrHistogram log so the report can be rebuilt from raw data.
 * Tags: {@code latency}, {@code issue_lag}, {@code service_time} (measured queries) and
 * {@code warmup_latency}; values in nanoseconds. Written to a temporary file and renamed into
 * place at the end, so a reader never sees half a log.
 */
final class HlogOutput implements AutoCloseable {
    private final Path target;
    private final Path temporary;
    private final PrintStream out;
    private final HistogramLogWriter writer;
    private final long baseNanos;
    private final long baseEpochMillis;
    private String error;

    private HlogOutput(Path target, Path temporary, PrintStream out, long baseNanos, long baseEpochMillis) {
        this.target = target;
        this.temporary = temporary;
        this.out = out;
        this.writer = new HistogramLogWriter(out);
        this.baseNanos = baseNanos;
        this.baseEpochMillis = baseEpochMillis;
    }

    /** Opens the log; returns null and sets {@code problem[0]} when the file cannot be created. */
    static HlogOutput open(Path target, long baseNanos, String header, String[] problem) {
        try {
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
            PrintStream ps = new PrintStream(os, false, java.nio.charset.StandardCharsets.UTF_8);
            long epoch = System.currentTimeMillis();
            HlogOutput h = new HlogOutput(target, tmp, ps, baseNanos, epoch);
            h.writer.outputLogFormatVersion();
            h.writer.outputComment(header);
            h.writer.outputComment("values in nanoseconds; tags: latency (from scheduled time), issue_lag, service_time, warmup_latency");
            h.writer.outputStartTime(epoch);
            h.writer.setBaseTime(epoch);
            h.writer.outputBaseTime(epoch);
            h.writer.outputLegend();
            return h;
        } catch (IOException e) {
            problem[0] = "cannot write " + target + ": " + e.getMessage();
            return null;
        }
    }

    void interval(long startNanos, long endNanos, Histogram latency, Histogram issueLag, Histogram service,
                  Histogram warm) {
        write("latency", startNanos, endNanos, latency);
        write("issue_lag", startNanos, endNanos, issueLag);
        write("service_time", startNanos, endNanos, service);
        if (warm.getTotalCount() > 0) {
            write("warmup_latency", startNanos, endNanos, warm);
        }
    }

    private void write(String tag, long startNanos, long endNanos, Histogram h) {
        h.setTag(tag);
        double start = (startNanos - baseNanos) / 1e9;
        double end = (endNanos - baseNanos) / 1e9;
        // Ratio 1e6: the log's max column reads in milliseconds.
        writer.outputIntervalHistogram(Math.max(0, start), Math.max(0, end), h, 1e6);
        h.setTag(null);
    }

    /** The log's path once closed, or null when writing failed. */
    Path target() {
        return error == null ? target : null;
    }

    String error() {
        return error;
    }

    long baseEpochMillis() {
        return baseEpochMillis;
    }

    @Override
    public void close() {
        out.flush();
        if (out.checkError()) {
            error = "writing " + target + " failed";
        }
        out.close();
        try {
            if (error == null) {
                try {
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            error = "cannot move the log into place at " + target + ": " + e.getMessage();
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // best effort: a stray temp file is harmless
            }
        }
    }
}
