package dev.assay.core.loadgen;

import dev.assay.api.AssayException;
import dev.assay.api.loadgen.Arrival;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the {@code --arrival} flag: {@code poisson}, {@code constant}, {@code gamma:B} (B = squared
 * coefficient of variation of the gaps, 1 = Poisson) or {@code trace:FILE}. A trace file holds one
 * arrival offset per line in seconds from the start (decimal, non-decreasing); blank lines and lines
 * starting with {@code #} are ignored. A trace is time-scaled to the requested rate.
 */
public final class Arrivals {
    private Arrivals() {
    }

    /** Parses an arrival spec; BAD_INPUT with a one-line message when it is malformed. */
    public static Arrival parse(String spec) throws AssayException {
        if (spec == null || spec.isBlank()) {
            throw AssayException.badInput("--arrival: missing value (use poisson, constant, gamma:B or trace:FILE)");
        }
        String s = spec.trim();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.equals("poisson")) {
            return new Arrival.Poisson();
        }
        if (lower.equals("constant")) {
            return new Arrival.Constant();
        }
        if (lower.startsWith("gamma:")) {
            String b = s.substring("gamma:".length());
            double burstiness;
            try {
                burstiness = Double.parseDouble(b);
            } catch (NumberFormatException e) {
                throw AssayException.badInput("--arrival gamma:B: '" + b + "' is not a number (B > 0, 1 = Poisson, larger = burstier)");
            }
            if (!(burstiness > 0) || Double.isInfinite(burstiness)) {
                throw AssayException.badInput("--arrival gamma:B: B must be > 0 (1 = Poisson, larger = burstier), was " + b);
            }
            return new Arrival.Gamma(burstiness);
        }
        if (lower.startsWith("trace:")) {
            return readTrace(Path.of(s.substring("trace:".length())));
        }
        throw AssayException.badInput("--arrival: unknown pattern '" + spec + "' (use poisson, constant, gamma:B or trace:FILE)");
    }

    /** Reads a trace file (offsets in seconds, one per line). */
    public static Arrival.Trace readTrace(Path file) throws AssayException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw AssayException.badInput("--arrival trace: cannot read " + file + ": " + e.getMessage());
        }
        List<Long> offsets = new ArrayList<>();
        long previous = Long.MIN_VALUE;
        int lineNo = 0;
        for (String raw : lines) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            double seconds;
            try {
                seconds = Double.parseDouble(line);
            } catch (NumberFormatException e) {
                throw AssayException.badInput("trace " + file + " line " + lineNo + ": '" + line + "' is not an offset in seconds");
            }
            if (!(seconds >= 0) || Double.isInfinite(seconds)) {
                throw AssayException.badInput("trace " + file + " line " + lineNo + ": offset must be >= 0 s, was " + line);
            }
            long nanos = Math.round(seconds * 1e9);
            if (nanos < previous) {
                throw AssayException.badInput("trace " + file + " line " + lineNo + ": offsets must not decrease (" + line + " s after a later one)");
            }
            previous = nanos;
            offsets.add(nanos);
        }
        if (offsets.isEmpty()) {
            throw AssayException.badInput("trace " + file + " holds no arrival offsets");
        }
        return new Arrival.Trace(file.getFileName().toString(), offsets);
    }
}
