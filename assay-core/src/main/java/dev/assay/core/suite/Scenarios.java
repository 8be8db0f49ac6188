package dev.assay.core.suite;

import dev.assay.api.AssayException;
import dev.assay.api.loadgen.Arrival;
import dev.assay.api.loadgen.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Turns scenario and arrival ids from flags and suite files into the sealed API types. */
public final class Scenarios {
    /** Scenario ids accepted on the command line. */
    public static final List<String> IDS = List.of("single-stream", "multi-stream", "server", "offline", "concurrency");

    private Scenarios() {
    }

    public static Scenario parse(String id, Double qps, String arrival, Integer concurrency, Integer samplesPerQuery)
            throws AssayException {
        return switch (id) {
            case "single-stream" -> new Scenario.SingleStream();
            case "multi-stream" -> new Scenario.MultiStream(samplesPerQuery == null ? 8 : positive(samplesPerQuery, "--samples-per-query"));
            case "offline" -> new Scenario.Offline();
            case "concurrency" -> new Scenario.Concurrency(concurrency == null ? 4 : positive(concurrency, "--concurrency"));
            case "server" -> {
                if (qps == null) {
                    throw AssayException.badInput("the server scenario needs a target rate: --qps N (or use --find-peak)");
                }
                if (!(qps > 0) || qps.isInfinite()) {
                    throw AssayException.badInput("--qps must be > 0, was " + qps);
                }
                yield new Scenario.Server(qps, parseArrival(arrival == null ? "poisson" : arrival));
            }
            default -> throw AssayException.badInput("unknown scenario '" + id + "' (allowed: " + String.join(", ", IDS) + ")");
        };
    }

    private static int positive(int v, String flag) throws AssayException {
        if (v < 1) {
            throw AssayException.badInput(flag + " must be >= 1, was " + v);
        }
        return v;
    }

    /** {@code poisson}, {@code constant}, {@code gamma:B} (B = squared coefficient of variation) or {@code trace:FILE}. */
    public static Arrival parseArrival(String text) throws AssayException {
        if (text.equals("poisson")) {
            return new Arrival.Poisson();
        }
        if (text.equals("constant")) {
            return new Arrival.Constant();
        }
        if (text.startsWith("gamma:")) {
            try {
                double b = Double.parseDouble(text.substring(6));
                if (!(b > 0) || Double.isInfinite(b)) {
                    throw AssayException.badInput("gamma burstiness must be > 0, was " + text.substring(6));
                }
                return new Arrival.Gamma(b);
            } catch (NumberFormatException e) {
                throw AssayException.badInput("gamma burstiness '" + text.substring(6) + "' is not a number (e.g. gamma:4)");
            }
        }
        if (text.startsWith("trace:")) {
            return readTrace(Path.of(text.substring(6)));
        }
        throw AssayException.badInput("unknown arrival '" + text + "' (allowed: poisson, constant, gamma:B, trace:FILE)");
    }

    /**
     * A trace file holds one arrival offset from the start per line, ascending: a plain
     * number in seconds or a duration with a unit ({@code 12.5ms}); blank lines and
     * {@code #} comments are ignored.
     */
    static Arrival.Trace readTrace(Path file) throws AssayException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            throw AssayException.badInput("trace file not found: " + file);
        } catch (IOException e) {
            throw AssayException.badInput("cannot read trace file " + file + ": " + e.getMessage());
        }
        List<Long> offsets = new ArrayList<>();
        long previous = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            long nanos;
            try {
                nanos = Math.round(Double.parseDouble(line) * 1e9);
            } catch (NumberFormatException e) {
                nanos = Durations.parse(line, "trace " + file + " line " + (i + 1)).toNanos();
            }
            if (nanos < previous) {
                throw AssayException.badInput("trace " + file + " line " + (i + 1) + ": offsets must be ascending");
            }
            previous = nanos;
            offsets.add(nanos);
        }
        if (offsets.isEmpty()) {
            throw AssayException.badInput("trace file " + file + " holds no arrival offsets");
        }
        return new Arrival.Trace(file.getFileName().toString(), offsets);
    }
}
