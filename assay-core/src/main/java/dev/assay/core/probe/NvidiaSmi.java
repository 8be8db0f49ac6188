package dev.assay.core.probe;

import dev.assay.api.spec.GpuSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads NVIDIA GPUs through {@code nvidia-smi}. Parsing is split from running so recorded
 * output from machines we do not have (H100, ...) exercises the same code.
 */
public final class NvidiaSmi {
    private NvidiaSmi() {
    }

    /** The query fields, in the column order {@link #parseQuery} expects. */
    public static final List<String> QUERY_FIELDS = List.of(
            "index", "name", "uuid", "driver_version", "memory.total", "power.limit",
            "clocks.sm", "clocks.max.sm", "clocks.mem", "clocks.max.mem",
            "ecc.mode.current", "mig.mode.current", "compute_cap");

    /** The command that yields the CSV {@link #parseQuery} reads. */
    public static final List<String> QUERY_COMMAND = List.of(
            "nvidia-smi", "--query-gpu=" + String.join(",", QUERY_FIELDS), "--format=csv,noheader,nounits");

    /** The command whose banner carries the CUDA driver version. */
    public static final List<String> HEADER_COMMAND = List.of("nvidia-smi");

    /** Matches "CUDA Version: 12.4" (table banner), "CUDA Version : 12.4" (-q) and R610+'s "CUDA UMD Version: 13.3". */
    private static final Pattern CUDA_VERSION = Pattern.compile("CUDA (?:UMD )?Version\\s*:\\s*([0-9]+(?:\\.[0-9]+)*)");

    /** GPUs and how they were (or were not) read. */
    public record Reading(List<GpuSpec> gpus, String status) {
        public Reading {
            gpus = List.copyOf(gpus);
            if (status == null || status.isBlank()) {
                throw new IllegalArgumentException("a GPU reading must say how it was obtained (got blank status)");
            }
        }
    }

    /**
     * Parses {@code --query-gpu=<QUERY_FIELDS> --format=csv,noheader,nounits} output.
     *
     * @param csv         one line per GPU
     * @param cudaVersion the CUDA driver version from the banner, or null when unknown
     * @throws IllegalArgumentException when a line does not have one value per query field
     */
    public static List<GpuSpec> parseQuery(String csv, String cudaVersion) {
        List<GpuSpec> out = new ArrayList<>();
        for (String line : csv.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            String[] v = line.split(",", -1);
            if (v.length != QUERY_FIELDS.size()) {
                throw new IllegalArgumentException("nvidia-smi line has " + v.length + " values, expected "
                        + QUERY_FIELDS.size() + " (" + String.join(",", QUERY_FIELDS) + "): " + line.strip());
            }
            for (int i = 0; i < v.length; i++) {
                v[i] = v[i].strip();
            }
            Map<String, Integer> clocks = new LinkedHashMap<>();
            putIfKnown(clocks, "smMHz", v[6]);
            putIfKnown(clocks, "smMaxMHz", v[7]);
            putIfKnown(clocks, "memMHz", v[8]);
            putIfKnown(clocks, "memMaxMHz", v[9]);
            Long mem = longOrNull(v[4]);
            out.add(new GpuSpec(intOr(v[0], out.size()), v[1], text(v[2]), text(v[3]), cudaVersion, text(v[12]),
                    mem == null ? 0 : mem, doubleOrNull(v[5]), clocks, text(v[10]), text(v[11]), "nvidia-smi"));
        }
        return out;
    }

    /** The CUDA driver API version from the nvidia-smi banner or {@code -q} output. */
    public static Optional<String> parseCudaVersion(String text) {
        Matcher m = CUDA_VERSION.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * Runs nvidia-smi through {@code commands}. Never throws: when no GPU can be read the
     * list is empty and the status says precisely why.
     *
     * @param root file system root, to look for {@code dev/nvidia0} when nvidia-smi is missing
     */
    public static Reading read(CommandRunner commands, Path root) {
        CommandOutcome q = commands.run(QUERY_COMMAND);
        String devNode = Files.exists(root.resolve("dev/nvidia0"))
                ? "/dev/nvidia0 exists, so a driver is loaded but its tool is missing"
                : "no /dev/nvidia0";
        return switch (q) {
            case CommandOutcome.NotFound nf -> new Reading(List.of(), "none found (" + nf.reason() + "; " + devNode + ")");
            case CommandOutcome.Failed f -> new Reading(List.of(), "none read (" + f.reason() + ")");
            case CommandOutcome.Completed c when !c.ok() -> new Reading(List.of(),
                    "none found (nvidia-smi exited " + c.exitCode() + ": " + c.firstMessageLine() + ")");
            case CommandOutcome.Completed c -> fromQuery(commands, c.stdout());
        };
    }

    private static Reading fromQuery(CommandRunner commands, String csv) {
        if (csv.isBlank()) {
            return new Reading(List.of(), "none found (nvidia-smi listed no GPUs)");
        }
        String cudaNote = "";
        String cuda = null;
        CommandOutcome h = commands.run(HEADER_COMMAND);
        if (h instanceof CommandOutcome.Completed c && c.ok()) {
            cuda = parseCudaVersion(c.stdout()).orElse(null);
            if (cuda == null) {
                cudaNote = "; CUDA driver version not in the nvidia-smi banner";
            }
        } else {
            cudaNote = "; CUDA driver version unknown (nvidia-smi banner not readable)";
        }
        try {
            List<GpuSpec> gpus = parseQuery(csv, cuda);
            return new Reading(gpus, gpus.size() + " GPU(s) read via nvidia-smi" + cudaNote);
        } catch (IllegalArgumentException e) {
            return new Reading(List.of(), "none read (nvidia-smi output not understood: " + e.getMessage() + ")");
        }
    }

    /** nvidia-smi prints "[N/A]", "[Not Supported]", "N/A" for values a GPU does not report. */
    private static boolean missing(String s) {
        return s.isEmpty() || s.startsWith("[") || s.equalsIgnoreCase("N/A");
    }

    private static String text(String s) {
        return missing(s) ? null : s;
    }

    private static void putIfKnown(Map<String, Integer> m, String key, String s) {
        Long v = longOrNull(s);
        if (v != null) {
            m.put(key, v.intValue());
        }
    }

    private static Long longOrNull(String s) {
        if (missing(s)) {
            return null;
        }
        try {
            return Math.round(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double doubleOrNull(String s) {
        if (missing(s)) {
            return null;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int intOr(String s, int fallback) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
