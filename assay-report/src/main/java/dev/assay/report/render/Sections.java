package dev.assay.report.render;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.report.model.Facts;
import dev.assay.report.model.MetricView;
import dev.assay.report.model.Nodes;
import dev.assay.report.model.ResultView;
import dev.assay.report.model.RunView;
import dev.assay.report.render.Table.Cell;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The content of a report, as renderer-neutral tables. HTML and Markdown both render these,
 * so the headline numbers are computed in exactly one place.
 */
public final class Sections {
    /** Canonical precision order: widest first, FP32 being the reference. */
    public static final List<String> PRECISION_ORDER = List.of("fp32", "tf32", "bf16", "fp16", "fp8", "int8", "int4");
    /** Verdict order for counts. */
    public static final List<String> VERDICTS = List.of("VALID", "INVALID", "UNSUPPORTED", "FAILED", "UNKNOWN");

    private Sections() {
    }

    /** Sort key of a precision id. */
    public static int precisionRank(String p) {
        int dash = p.indexOf('-');
        int i = PRECISION_ORDER.indexOf(dash > 0 ? p.substring(0, dash) : p); // variants: int8-dynamic sorts with int8
        return i < 0 ? PRECISION_ORDER.size() : i;
    }

    /** Results per verdict, in {@link #VERDICTS} order (zero counts omitted). */
    public static Map<String, Integer> verdictCounts(RunView run) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String v : VERDICTS) {
            int n = (int) run.results().stream().filter(r -> r.verdict().equals(v)).count();
            if (n > 0) {
                counts.put(v, n);
            }
        }
        run.results().stream().map(ResultView::verdict).filter(v -> !VERDICTS.contains(v))
                .forEach(v -> counts.merge(v, 1, Integer::sum));
        return counts;
    }

    /** Why a result has no measurements: its first failed check, its details, or its first warning. */
    public static String notRunReason(ResultView r) {
        for (var c : r.checks()) {
            if (!c.passed() && !c.detail().isBlank()) {
                return c.detail();
            }
        }
        Optional<String> d = Nodes.text(r.details(), "reason", "error", "message", "unsupported");
        if (d.isPresent()) {
            return d.get();
        }
        return r.warnings().isEmpty() ? "no reason recorded" : r.warnings().get(0);
    }

    /** "unsupported: reason", without repeating the verdict when the reason already starts with it. */
    public static String notRunText(ResultView r) {
        String v = r.verdict().toLowerCase(Locale.ROOT);
        String reason = notRunReason(r);
        return reason.toLowerCase(Locale.ROOT).startsWith(v) ? reason : v + ": " + reason;
    }

    /** Every result that is not VALID, with what failed and what to do. */
    public static Table verdictTable(RunView run) {
        Table.Builder t = new Table.Builder("Results that are not VALID",
                List.of("Result", "Phase", "Verdict", "What failed", "Recommendation"));
        for (ResultView r : run.results()) {
            if (r.verdict().equals("VALID")) {
                continue;
            }
            List<String> failed = new ArrayList<>();
            List<String> recs = new ArrayList<>();
            for (var c : r.checks()) {
                if (!c.passed()) {
                    failed.add(c.name() + (c.detail().isBlank() ? "" : ": " + c.detail()));
                    if (!c.recommendation().isBlank()) {
                        recs.add(c.recommendation());
                    }
                }
            }
            if (failed.isEmpty()) {
                failed.add(r.verdict().equals("UNKNOWN") ? "no validity block in run.json" : notRunReason(r));
            }
            t.row(List.of(Cell.text(r.label()).link(r.anchor()), Cell.text(r.phase()), Cell.verdict(r.verdict()),
                    Cell.text(String.join("; ", failed)),
                    recs.isEmpty() ? Cell.text("—") : Cell.text(String.join("; ", recs))));
        }
        return t.build();
    }

    /** Result warnings, labelled with their result. */
    public static List<String> resultWarnings(RunView run) {
        List<String> out = new ArrayList<>();
        for (ResultView r : run.results()) {
            for (String w : r.warnings()) {
                out.add(r.label() + ": " + w);
            }
        }
        return out;
    }

    // ---- executor ---------------------------------------------------------------------

    /** One-line-per-field executor summary. */
    public static Table executorSummary(RunView run) {
        JsonNode ex = run.executor();
        Table.Builder t = new Table.Builder("", List.of("Field", "Value"));
        if (!Nodes.present(ex)) {
            t.row(List.of(Cell.text("executor"), Cell.notMeasured("not in this run")));
            return t.build();
        }
        JsonNode host = Nodes.field(ex, "host");
        JsonNode cpu = Nodes.field(host, "cpu");
        String cpuLine = String.join(" ", Nodes.text(cpu, "vendor").orElse(""), Nodes.text(cpu, "model").orElse("unknown model")).trim();
        String micro = Nodes.text(cpu, "microarchitecture").orElse("");
        String topo = String.format(Locale.ROOT, "%d socket(s), %d core(s), %d thread(s)",
                (int) Nodes.number(cpu, "sockets").orElse(0), (int) Nodes.number(cpu, "cores").orElse(0),
                (int) Nodes.number(cpu, "threads").orElse(0));
        t.row(List.of(Cell.text("CPU"), Cell.text(cpuLine + (micro.isEmpty() ? "" : " (" + micro + ")") + "; " + topo)));
        JsonNode isa = Nodes.field(cpu, "aiIsaFeatures");
        if (isa.isObject()) {
            List<String> yes = new ArrayList<>();
            List<String> no = new ArrayList<>();
            new TreeMap<>(toMap(isa)).forEach((k, v) -> (v.asBoolean() ? yes : no).add(k));
            t.row(List.of(Cell.text("AI ISA features"), Cell.text("present: " + (yes.isEmpty() ? "none" : String.join(", ", yes))
                    + (no.isEmpty() ? "" : "; absent: " + String.join(", ", no)))));
        }
        Nodes.number(host, "memoryBytes").ifPresent(b -> t.row(List.of(Cell.text("Memory"), Cell.text(Fmt.bytes(b)))));
        String os = Nodes.text(host, "os").orElse("unknown OS");
        String kernel = Nodes.text(host, "kernel").map(k -> ", kernel " + k).orElse("");
        t.row(List.of(Cell.text("OS"), Cell.text(os + kernel)));
        Nodes.text(host, "virtualisation").ifPresent(v -> t.row(List.of(Cell.text("Virtualisation"), Cell.text(v))));
        List<String> gpus = new ArrayList<>();
        for (JsonNode g : Nodes.elements(Nodes.field(ex, "gpus"))) {
            gpus.add(Nodes.text(g, "name").orElse("GPU") + Nodes.text(g, "driverVersion").map(d -> " (driver " + d + ")").orElse("")
                    + Nodes.number(g, "memoryMiB").stream().mapToObj(m -> ", " + Fmt.bytes(m * 1024 * 1024)).findFirst().orElse(""));
        }
        t.row(List.of(Cell.text("GPUs"), Cell.text(gpus.isEmpty()
                ? Nodes.text(ex, "gpuStatus").orElse("none listed") : String.join("; ", gpus))));
        for (JsonNode b : Nodes.elements(Nodes.field(ex, "backends"))) {
            String threads = Nodes.field(b, "threads").isObject()
                    ? toMap(Nodes.field(b, "threads")).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().asText())
                    .collect(Collectors.joining(", ")) : "";
            String line = Nodes.text(b, "runtime").orElse("?") + " " + Nodes.text(b, "version").orElse("")
                    + Nodes.text(b, "activeProvider").map(p -> "; " + p).orElse("")
                    + (threads.isEmpty() ? "" : "; threads " + threads);
            t.row(List.of(Cell.text("Backend " + Nodes.text(b, "backend").orElse("?")), Cell.text(line.trim())));
        }
        JsonNode jvm = Nodes.field(host, "jvm");
        if (jvm.isObject()) {
            String v = String.join(" ", Nodes.text(jvm, "vendor", "java.vendor").orElse(""),
                    Nodes.text(jvm, "version", "java.version", "runtime").orElse("")).trim();
            t.row(List.of(Cell.text("JVM"), Cell.text(v.isEmpty() ? Nodes.text(jvm).orElse("") : v)));
        }
        int covered = Nodes.elements(Nodes.field(ex, "fingerprintFields")).size();
        t.row(List.of(Cell.text("Fingerprint"), new Cell(run.fingerprint().isEmpty() ? "not in this run"
                : run.fingerprint() + (covered > 0 ? " (covers " + covered + " fields)" : ""), Table.Kind.CODE, "", "", 1)));
        Nodes.text(host, "hostname").ifPresent(h -> t.row(List.of(Cell.text("Host name"), Cell.text(h + " (not part of the fingerprint)"))));
        return t.build();
    }

    /** Environment variables that steer native libraries, as captured. */
    public static Table environment(RunView run) {
        Table.Builder t = new Table.Builder("", List.of("Variable", "Value"));
        JsonNode env = Nodes.field(run.executor(), "environment");
        new TreeMap<>(toMap(env)).forEach((k, v) -> t.row(List.of(new Cell(k, Table.Kind.CODE, "", "", 1),
                new Cell(v.asText(), Table.Kind.CODE, "", "", 1))));
        return t.build();
    }

    /** A flat key/value table of a JSON object (nested values as compact JSON). */
    public static Table keyValues(JsonNode obj) {
        Table.Builder t = new Table.Builder("", List.of("Key", "Value"));
        toMap(obj).forEach((k, v) -> t.row(List.of(new Cell(k, Table.Kind.CODE, "", "", 1), valueCell(k, v))));
        return t.build();
    }

    private static Cell valueCell(String key, JsonNode v) {
        if (v.isNumber()) {
            String k = key.toLowerCase(Locale.ROOT);
            double d = v.asDouble();
            for (String u : List.of("ns", "us", "ms", "s")) {
                if (k.matches("(.*_)?" + u + "(_.*)?")) {
                    return Cell.num(Fmt.duration(d, u));
                }
            }
            if (k.contains("qps")) {
                return Cell.num(Fmt.num(d) + " QPS");
            }
            return Cell.num(Fmt.num(d));
        }
        return Cell.text(v.isValueNode() ? v.asText() : v.toString());
    }

    /** Children of an object in file order (empty for non-objects). */
    public static Map<String, JsonNode> toMap(JsonNode obj) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (obj != null && obj.isObject()) {
            obj.properties().forEach(e -> out.put(e.getKey(), e.getValue()));
        }
        return out;
    }

    // ---- inference ----------------------------------------------------------------------

    /**
     * Inference results of one workload and scenario.
     *
     * @param workload workload
     * @param scenario scenario
     * @param results  results, sorted by backend, batch, seq, settings, precision
     */
    public record Group(String workload, String scenario, List<ResultView> results) {
    }

    /** Inference results grouped by workload then scenario, in first-seen order. */
    public static List<Group> inferenceGroups(RunView run) {
        Map<String, Map<String, List<ResultView>>> by = new LinkedHashMap<>();
        for (ResultView r : run.phase(ResultView.INFERENCE)) {
            by.computeIfAbsent(r.workload(), k -> new LinkedHashMap<>()).computeIfAbsent(r.scenario(), k -> new ArrayList<>()).add(r);
        }
        List<Group> out = new ArrayList<>();
        by.forEach((w, scen) -> scen.forEach((s, rs) -> out.add(new Group(w, s, rs.stream().sorted(ORDER).toList()))));
        return out;
    }

    /** Order of rows: backend, batch, sequence length, settings, then precision. */
    public static final Comparator<ResultView> ORDER = Comparator.comparing(ResultView::backend)
            .thenComparingInt(ResultView::batch).thenComparingInt(ResultView::seqLen)
            .thenComparing(r -> Facts.settingsKey(r.settings()).toString())
            .thenComparingInt(r -> precisionRank(r.precision())).thenComparing(ResultView::precision);

    /** Operating-point settings as "k=v, k=v" (run-length settings omitted). */
    public static String operatingPoint(ResultView r) {
        return Facts.settingsKey(r.settings()).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /** Operating-point settings shared by every result of a group. */
    public static Map<String, String> commonSettings(Group g) {
        Map<String, String> shared = null;
        for (ResultView r : g.results()) {
            Map<String, String> k = Facts.settingsKey(r.settings());
            if (shared == null) {
                shared = new TreeMap<>(k);
            } else {
                shared.entrySet().removeIf(e -> !e.getValue().equals(k.get(e.getKey())));
            }
        }
        return shared == null ? Map.of() : shared;
    }

    /** Operating-point settings of {@code r} not in {@code common}, as "k=v, k=v". */
    public static String varying(ResultView r, Map<String, String> common) {
        return Facts.settingsKey(r.settings()).entrySet().stream().filter(e -> !common.containsKey(e.getKey()))
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    /** The per-precision table of one inference group. */
    public static Table inferenceTable(RunView run, Group g) {
        // Settings every row shares go into the caption; only those that differ get a column.
        Map<String, String> common = commonSettings(g);
        boolean withSettings = g.results().stream().anyMatch(r -> !varying(r, common).isEmpty());
        // A backend shared by every row is named in the caption instead of repeated per row.
        boolean oneBackend = g.results().stream().map(ResultView::backend).distinct().count() == 1;
        List<String> headers = new ArrayList<>(List.of("Precision"));
        if (!oneBackend) {
            headers.add("Backend");
        }
        headers.add("Batch");
        if (withSettings) {
            headers.add("Settings");
        }
        headers.addAll(List.of("Verdict", "Throughput", "p50", "p90", "p99", "p99.9", "vs FP32", "Capability",
                "Accuracy vs FP32", "Roofline (of attainable)", "Energy / inference"));
        String caption = g.scenario() + (oneBackend ? " · " + g.results().get(0).backend() : "") + (common.isEmpty() ? "" : " · " + common.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")));
        Table.Builder t = new Table.Builder(caption, headers);
        int measuredCols = headers.size() - headers.indexOf("Verdict") - 1;
        for (ResultView r : g.results()) {
            List<Cell> row = new ArrayList<>();
            String variant = Facts.variant(r);
            row.add(Cell.text(r.precision().toUpperCase(Locale.ROOT) + (variant.equals(r.precision()) ? "" : " (" + variant + ")"))
                    .link(r.anchor()));
            if (!oneBackend) {
                row.add(Cell.text(r.backend()));
            }
            row.add(Cell.num(r.batch() + (r.seqLen() > 0 ? " · seq " + r.seqLen() : "")));
            if (withSettings) {
                row.add(Cell.text(varying(r, common)));
            }
            row.add(Cell.verdict(r.verdict()));
            if (!r.ran()) {
                row.add(new Cell(notRunText(r), Table.Kind.NOT_MEASURED, "", "", measuredCols));
                t.row(row);
                continue;
            }
            row.add(metricCell(Facts.throughput(r)));
            row.addAll(latencyCells(Facts.latency(r)));
            row.add(speedupCell(Facts.speedup(run, r)));
            row.add(Facts.capability(run, r).map(c -> capabilityCell(c.verdict(), c.detail()))
                    .orElse(Cell.notMeasured("not in this run")));
            row.add(r.precision().equals("fp32") ? Cell.text("reference")
                    : Facts.accuracy(r, Fmt::num, Fmt::pct).map(Cell::text).orElse(Cell.notMeasured("not measured")));
            row.add(Facts.roofline(r).map(Sections::rooflineCell).orElse(Cell.notMeasured("not in this run")));
            row.add(energyCell(Facts.energy(r)));
            t.row(row);
        }
        return t.build();
    }

    /** Saturation summary line of a result, when it has a search. */
    public static Optional<String> saturationLine(ResultView r) {
        return Facts.saturation(r).map(s -> {
            String bound = Double.isNaN(s.boundMs()) ? "" : " at p" + Fmt.num(Double.isNaN(s.percentile()) ? 99 : s.percentile())
                    + " ≤ " + Fmt.ms(s.boundMs());
            return Double.isNaN(s.peakQps())
                    ? "no probed rate met the bound" + bound + " (" + s.probes().size() + " probes)"
                    : "saturation point " + Fmt.num(s.peakQps()) + " QPS" + bound + " (" + s.probes().size() + " probes)";
        });
    }

    static Cell metricCell(Optional<MetricView> m) {
        if (m.isEmpty()) {
            return Cell.notMeasured("not in this run");
        }
        return m.get() instanceof MetricView.Missing x ? Cell.notMeasured("not measured: " + x.reason())
                : Cell.num(Fmt.scalar(m.get()));
    }

    static List<Cell> latencyCells(Optional<MetricView> m) {
        if (m.isEmpty()) {
            return List.of(Cell.notMeasured("latency not in this run").spanning(4));
        }
        if (!(m.get() instanceof MetricView.Dist d)) {
            return List.of((m.get() instanceof MetricView.Missing x ? Cell.notMeasured("not measured: " + x.reason())
                    : Cell.text(Fmt.metric(m.get()))).spanning(4));
        }
        List<Cell> out = new ArrayList<>();
        for (String s : List.of("p50", "p90", "p99", "p999")) {
            out.add(Cell.num(Fmt.withUnit(d.stat(s), d.unit())));
        }
        return out;
    }

    static Cell speedupCell(Facts.Speedup s) {
        if (s.note().equals("baseline")) {
            return Cell.num("baseline");
        }
        if (Double.isNaN(s.ratio())) {
            return Cell.notMeasured(s.note());
        }
        Cell c = new Cell(Fmt.factor(s.ratio()) + (s.ratio() < 1 ? " (slower)" : ""),
                s.ratio() < 1 ? Table.Kind.BAD : Table.Kind.GOOD, "", "", 1);
        return c;
    }

    static Cell capabilityCell(String verdict, String detail) {
        String v = verdict.toLowerCase(Locale.ROOT);
        Table.Kind k = v.equals("native") || v.equals("reference") ? Table.Kind.GOOD
                : v.equals("slow-path") || v.equals("unsupported") ? Table.Kind.BAD : Table.Kind.TEXT;
        return new Cell(verdict, k, "", detail, 1);
    }

    static Cell rooflineCell(Facts.RooflinePoint p) {
        String bound = p.bound().isBlank() ? "" : p.bound().toLowerCase(Locale.ROOT).replace("_", "-");
        if (!bound.isEmpty() && !bound.endsWith("bound")) {
            bound += "-bound";
        }
        String frac = Double.isNaN(p.fraction()) ? "" : Fmt.pct(p.fraction());
        String text = bound.isEmpty() ? frac : frac.isEmpty() ? bound : frac + " · " + bound;
        return Cell.text(text.isEmpty() ? "AI " + Fmt.num(p.intensity()) + " FLOP/B" : text)
                .tip("arithmetic intensity " + Fmt.num(p.intensity()) + " FLOP/byte; attainable "
                        + Fmt.num(p.attainable()) + " GFLOP/s; achieved " + Fmt.num(p.achieved()) + " GFLOP/s");
    }

    static Cell energyCell(Facts.Energy e) {
        if (!e.measured()) {
            return Cell.notMeasured("not measured: " + e.reason());
        }
        if (Double.isNaN(e.perUnitJ())) {
            return Cell.notMeasured("measured, but no per-" + e.perWhat() + " figure");
        }
        return Cell.num(Fmt.joules(e.perUnitJ()) + (e.perWhat().equals("token") ? "/token" : ""))
                .tip(String.join(", ", e.source(), e.boundary()));
    }

    // ---- training -----------------------------------------------------------------------

    /** The training table (never mixed with inference). */
    public static Table trainingTable(RunView run) {
        Table.Builder t = new Table.Builder("Training results", List.of("Workload", "Backend", "Precision", "Batch",
                "Recipe", "Verdict", "Step time p50", "Step time p99", "Samples/s", "Tokens/s", "MFU",
                "Time-to-quality", "Peak memory", "Energy / step"));
        for (ResultView r : run.phase(ResultView.TRAINING)) {
            List<Cell> row = new ArrayList<>();
            row.add(Cell.text(r.workload()).link(r.anchor()));
            row.add(Cell.text(r.backend()));
            row.add(Cell.text(r.precision().toUpperCase(Locale.ROOT)));
            row.add(Cell.num(r.batch() + (r.seqLen() > 0 ? " · seq " + r.seqLen() : "")));
            row.add(Cell.text(r.scenario()));
            row.add(Cell.verdict(r.verdict()));
            if (!r.ran()) {
                row.add(new Cell(notRunText(r), Table.Kind.NOT_MEASURED, "", "", 8));
                t.row(row);
                continue;
            }
            Optional<MetricView> step = r.metric("step_time");
            if (step.isPresent() && step.get() instanceof MetricView.Dist d) {
                row.add(Cell.num(Fmt.withUnit(d.p50(), d.unit())));
                row.add(Cell.num(Fmt.withUnit(d.p99(), d.unit())));
            } else {
                row.add(metricCell(step).spanning(2));
            }
            row.add(metricCell(Facts.throughput(r)));
            row.add(metricCell(r.metric("tokens_per_s", "tokens_per_second")));
            row.add(mfuCell(r));
            row.add(ttqCell(r));
            double peak = Facts.peakMemoryBytes(r);
            row.add(Double.isNaN(peak) ? Cell.notMeasured("not in this run") : Cell.num(Fmt.bytes(peak)));
            row.add(energyCell(Facts.energy(r)));
            t.row(row);
        }
        return t.build();
    }

    static Cell mfuCell(ResultView r) {
        Optional<MetricView> m = r.metric("mfu");
        String src = Nodes.text(r.detail("mfu"), "peak_source", "peakSource", "peak").orElse("");
        if (m.isEmpty()) {
            return Cell.notMeasured("not in this run");
        }
        if (m.get() instanceof MetricView.Missing x) {
            return Cell.notMeasured("not computed: " + x.reason());
        }
        double v = Facts.scalar(m.get());
        String unit = m.get().unit();
        String text = unit.equals("%") || unit.equals("percent") ? Fmt.num(v) + " %" : Fmt.pct(v);
        return Cell.num(text).tip(src.isEmpty() ? "peak source not stated" : "peak: " + src);
    }

    static Cell ttqCell(ResultView r) {
        Optional<MetricView> m = r.metric("time_to_quality", "ttq");
        double target = Facts.qualityTarget(r);
        String suffix = Double.isNaN(target) ? "" : " (to " + Fmt.pct(target) + ")";
        if (m.isEmpty()) {
            return Cell.notMeasured("not in this run");
        }
        if (m.get() instanceof MetricView.Missing x) {
            return Cell.notMeasured("not measured: " + x.reason());
        }
        return Cell.num(Fmt.scalar(m.get()) + suffix);
    }

    // ---- energy, roofline, capability ------------------------------------------------

    /** Energy disclosure of every result that ran. */
    public static Table energyTable(RunView run) {
        Table.Builder t = new Table.Builder("", List.of("Result", "Phase", "Energy per unit", "Source", "Boundary", "Figures"));
        for (ResultView r : run.results()) {
            if (!r.ran()) {
                continue;
            }
            Facts.Energy e = Facts.energy(r);
            if (!e.measured()) {
                t.row(List.of(Cell.text(r.label()).link(r.anchor()), Cell.text(r.phase()),
                        Cell.notMeasured("not measured: " + e.reason()).spanning(4)));
                continue;
            }
            String figures = e.figures().entrySet().stream().map(f -> figure(f.getKey(), f.getValue()))
                    .collect(Collectors.joining(" · "));
            t.row(List.of(Cell.text(r.label()).link(r.anchor()), Cell.text(r.phase()),
                    Double.isNaN(e.perUnitJ()) ? Cell.notMeasured("no per-" + e.perWhat() + " figure")
                            : Cell.num(Fmt.joules(e.perUnitJ()) + " / " + e.perWhat()),
                    Cell.text(e.source().isBlank() ? "not stated" : e.source()),
                    Cell.text(e.boundary().isBlank() ? "not stated" : e.boundary()), Cell.text(figures)));
        }
        return t.build();
    }

    /** "avg power 38 W" from ("avg_power_w", 38): the unit suffix of the key becomes the unit. */
    static String figure(String key, double v) {
        String k = key.toLowerCase(Locale.ROOT);
        for (String[] su : new String[][] {{"_w", "W"}, {"_j", "J"}, {"_wh", "Wh"}, {"_ms", "ms"}, {"_s", "s"}}) {
            if (k.endsWith(su[0])) {
                String name = key.substring(0, key.length() - su[0].length()).replace('_', ' ');
                return name + " " + (su[1].equals("ms") || su[1].equals("s") ? Fmt.duration(v, su[1])
                        : su[1].equals("J") ? Fmt.joules(v) : Fmt.num(v) + " " + su[1]);
            }
        }
        return key.replace('_', ' ') + " " + Fmt.num(v);
    }

    /** Measured ceilings. */
    public static Table ceilingsTable(RunView run) {
        Table.Builder t = new Table.Builder("", List.of("Ceiling", "Value", "Runtime", "Method"));
        double bw = Facts.bandwidth(run);
        if (!Double.isNaN(bw)) {
            t.row(List.of(Cell.text("memory bandwidth"), Cell.num(Fmt.num(bw) + " GB/s"), Cell.text(""),
                    Cell.text(Nodes.text(run.block("roofline"), "bandwidth_method", "method").orElse(""))));
        }
        for (Facts.Ceiling c : Facts.ceilings(run).stream().sorted(Comparator.comparingInt(c -> precisionRank(c.precision()))).toList()) {
            String unit = c.precision().startsWith("int") ? " GOP/s" : " GFLOP/s";
            t.row(List.of(Cell.text("peak " + c.precision().toUpperCase(Locale.ROOT)), Cell.num(Fmt.num(c.gflops()) + unit),
                    Cell.text(c.runtime()), Cell.text(c.method())));
        }
        return t.build();
    }

    /** Every result's position under the roofline. */
    public static Table rooflineTable(RunView run) {
        Table.Builder t = new Table.Builder("", List.of("Result", "Phase", "Arithmetic intensity", "Attainable",
                "Achieved", "Achieved / attainable", "Bound"));
        for (ResultView r : run.results()) {
            Facts.roofline(r).ifPresent(p -> t.row(List.of(Cell.text(r.label()).link(r.anchor()), Cell.text(r.phase()),
                    Cell.num(Fmt.num(p.intensity()) + " FLOP/B"), Cell.num(Fmt.num(p.attainable()) + " GFLOP/s"),
                    Cell.num(Fmt.num(p.achieved()) + " GFLOP/s"), Cell.num(Fmt.pct(p.fraction())),
                    Cell.text(p.bound().isBlank() ? "not stated" : p.bound()))));
        }
        return t.build();
    }

    /** The precision capability matrix: backend (device) by precision. */
    public static Table capabilityTable(RunView run) {
        List<Facts.Capability> caps = new ArrayList<>(Facts.capabilityMatrix(run));
        String caption = "";
        if (caps.isEmpty()) {
            for (ResultView r : run.results()) {
                Facts.capability(run, r).ifPresent(c -> {
                    if (caps.stream().noneMatch(o -> o.backend().equals(c.backend()) && o.precision().equals(c.precision()))) {
                        caps.add(c);
                    }
                });
            }
            caption = caps.isEmpty() ? "" : "derived from the results (run.json has no capability matrix)";
        }
        List<String> precisions = caps.stream().map(Facts.Capability::precision).distinct()
                .sorted(Comparator.comparingInt(Sections::precisionRank).thenComparing(p -> p)).toList();
        List<String> headers = new ArrayList<>(List.of("Backend / device"));
        precisions.forEach(p -> headers.add(p.toUpperCase(Locale.ROOT)));
        Table.Builder t = new Table.Builder(caption, headers);
        Map<String, List<Facts.Capability>> rows = new LinkedHashMap<>();
        caps.forEach(c -> rows.computeIfAbsent(c.backend() + (c.device().isBlank() ? "" : " / " + c.device()),
                k -> new ArrayList<>()).add(c));
        rows.forEach((k, list) -> {
            List<Cell> row = new ArrayList<>();
            row.add(Cell.text(k));
            for (String p : precisions) {
                row.add(list.stream().filter(c -> c.precision().equals(p)).findFirst()
                        .map(c -> capabilityCell(c.verdict(), c.detail())).orElse(Cell.notMeasured("not probed")));
            }
            t.row(row);
        });
        return t.build();
    }

    /** Every metric of a result, generically (so nothing a writer adds is lost). */
    public static Table metricsTable(ResultView r) {
        Table.Builder t = new Table.Builder("", List.of("Metric", "Value"));
        r.metrics().forEach((k, m) -> t.row(List.of(new Cell(k, Table.Kind.CODE, "", "", 1),
                m instanceof MetricView.Missing x ? Cell.notMeasured("not measured: " + x.reason()) : Cell.text(fullMetric(m)))));
        return t.build();
    }

    /** Full text of a metric, all percentiles included. */
    public static String fullMetric(MetricView m) {
        if (m instanceof MetricView.Dist d) {
            return String.format(Locale.ROOT, "p50 %s · p90 %s · p99 %s · p99.9 %s · max %s · mean %s · n=%s",
                    Fmt.withUnit(d.p50(), d.unit()), Fmt.withUnit(d.p90(), d.unit()), Fmt.withUnit(d.p99(), d.unit()),
                    Fmt.withUnit(d.p999(), d.unit()), Fmt.withUnit(d.max(), d.unit()), Fmt.withUnit(d.mean(), d.unit()),
                    Fmt.num(d.count()));
        }
        return Fmt.metric(m);
    }

    /** Validity checks of a result. */
    public static Table checksTable(ResultView r) {
        Table.Builder t = new Table.Builder("", List.of("Check", "Passed", "Detail", "Recommendation"));
        r.checks().forEach(c -> t.row(List.of(new Cell(c.name(), Table.Kind.CODE, "", "", 1),
                new Cell(c.passed() ? "yes" : "NO", c.passed() ? Table.Kind.GOOD : Table.Kind.BAD, "", "", 1),
                Cell.text(c.detail()), Cell.text(c.recommendation()))));
        return t.build();
    }
}
