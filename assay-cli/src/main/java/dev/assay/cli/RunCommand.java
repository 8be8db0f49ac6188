package dev.assay.cli;

import dev.assay.api.AssayException;
import dev.assay.core.bundle.RunBundle;
import dev.assay.core.suite.Overrides;
import dev.assay.core.suite.Planner;
import dev.assay.core.suite.SuiteSpec;
import dev.assay.core.suite.Suites;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code assay run}: resolves a suite and the flags into a plan, measures it, writes the run
 * directory (run.json, .hlog, report) and prints a summary. Exit 0 when every result is
 * valid, 1 when the run completed but a result is invalid, 2 on bad input.
 */
@Command(name = "run", description = "Run a benchmark suite (default: quick) or a single configuration.",
        sortOptions = false)
public final class RunCommand implements Callable<Integer> {
    @Option(names = "--suite", paramLabel = "NAME|FILE", description = "Built-in suite name or YAML file (default: ${DEFAULT-VALUE}).")
    String suite = "quick";

    @Option(names = "--out", paramLabel = "DIR", description = "Run directory (default: results/<UTC timestamp>-<suite>/).")
    Path out;

    @Option(names = "--json", description = "Print run.json to stdout instead of the summary table.")
    boolean json;

    @Option(names = "--backend", description = "Backend id (see 'assay list').")
    String backend;

    @Option(names = "--workload", description = "Built-in workload (see 'assay list'), or the label of --model.")
    String workload;

    @Option(names = "--model", paramLabel = "PATH.onnx", description = "Run this ONNX model instead of the suite.")
    String model;

    @Option(names = "--precision", split = ",", paramLabel = "P", description = "Precisions: fp32,fp16,bf16,int8,int4.")
    List<String> precisions;

    @Option(names = "--batch", split = ",", paramLabel = "N", description = "Batch sizes, e.g. 1,8,32.")
    List<Integer> batches;

    @Option(names = "--seq-len", split = ",", paramLabel = "N", description = "Sequence lengths for sequence models.")
    List<Integer> seqLens;

    @Option(names = "--scenario", description = "single-stream|multi-stream|server|offline|concurrency.")
    String scenario;

    @Option(names = "--qps", description = "Target rate of the server scenario (queries/s).")
    Double qps;

    @Option(names = "--arrival", description = "poisson|constant|gamma:B|trace:FILE (server scenario).")
    String arrival;

    @Option(names = "--concurrency", description = "Queries in flight (concurrency scenario).")
    Integer concurrency;

    @Option(names = "--samples-per-query", description = "Samples per query (multi-stream scenario).")
    Integer samplesPerQuery;

    @Option(names = "--duration", description = "Minimum measured duration, e.g. 10s.")
    String duration;

    @Option(names = "--min-queries", description = "Minimum number of measured queries.")
    Long minQueries;

    @Option(names = "--latency-bound", description = "Latency bound for the verdict and --find-peak, e.g. 10ms.")
    String latencyBound;

    @Option(names = "--percentile", description = "Percentile the bound applies to, e.g. 99 or 99.9.")
    Double percentile;

    @Option(names = "--find-peak", description = "Search the highest Poisson rate whose percentile meets --latency-bound.")
    boolean findPeak;

    @Option(names = "--seed", description = "Seed for schedules, weights and inputs.")
    Long seed;

    @Option(names = "--repeats", description = "Repeat each configuration N times (confidence intervals need >= 3).")
    Integer repeats;

    @Option(names = "--service", description = "Synthetic backend service-time law, e.g. exp:2ms, det:500us.")
    String service;

    @Option(names = "--servers", description = "Synthetic backend: parallel servers.")
    Integer servers;

    @Option(names = "--threads", description = "Backend intra-op threads (default: all cores, disclosed).")
    Integer threads;

    @Option(names = "--data", paramLabel = "DIR", description = "Training data folder (default: found automatically).")
    Path data;

    @Option(names = {"-o", "--option"}, paramLabel = "KEY=VALUE", description = "Backend option, repeatable.")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--no-report", description = "Do not write report.html/report.md at the end.")
    boolean noReport;

    @Override
    public Integer call() throws Exception {
        Map<String, String> opts = new LinkedHashMap<>(options);
        if (service != null) {
            opts.put("service", service);
        }
        if (servers != null) {
            opts.put("servers", Integer.toString(servers));
        }
        if (threads != null) {
            opts.put("threads", Integer.toString(threads));
        }
        if (data != null) {
            opts.put("data_dir", data.toString());
        }
        if ((service != null || servers != null) && backend != null && !backend.equals("synthetic")) {
            throw AssayException.badInput("--service and --servers only apply to --backend synthetic");
        }
        if (scenario != null && findPeak && !scenario.equals("server")) {
            throw AssayException.badInput("--find-peak searches the server scenario; drop --scenario " + scenario);
        }
        Overrides cli = new Overrides(backend, workload, model, precisions, batches, seqLens, scenario, qps, arrival,
                concurrency, samplesPerQuery, duration, minQueries, latencyBound, percentile, seed, repeats, findPeak,
                opts);
        SuiteSpec spec = Suites.load(suite);
        // Everything the user can get wrong is checked here, before anything is measured.
        Planner.Plan plan = Planner.plan(spec, cli);
        Path dir = out != null ? out : Path.of("results", DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(ZoneOffset.UTC).format(Instant.now()) + "-" + plan.suite().replaceAll("[^A-Za-z0-9._-]", "_"));
        prepareDir(dir);
        PrintStream err = System.err;
        RunSession session = new RunSession(dir, plan, commandLine(), err::println);
        RunBundle bundle = session.execute(!noReport);
        if (json) {
            System.out.print(Files.readString(dir.resolve("run.json")));
        } else {
            Summary.print(bundle, System.out);
            System.out.println();
            System.out.println("run directory: " + dir.toAbsolutePath());
            Path report = dir.resolve("report.html");
            if (Files.exists(report)) {
                System.out.println("report: " + report.toAbsolutePath());
            }
        }
        if (session.badInput()) {
            err.println("assay: " + session.badInputMessage());
            return AssayCli.BAD_INPUT;
        }
        return session.allValid() ? AssayCli.OK : AssayCli.ASSERTION_FAILED;
    }

    private static void prepareDir(Path dir) throws AssayException {
        try {
            if (Files.exists(dir.resolve("run.json"))) {
                throw AssayException.badInput("run directory " + dir + " already holds a run.json; choose another --out");
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw AssayException.badInput("cannot create run directory " + dir + ": " + e.getMessage());
        }
    }

    private static List<String> commandLine() {
        List<String> cmd = new ArrayList<>();
        cmd.add("assay");
        String args = System.getProperty("sun.java.command", "");
        // sun.java.command is "<main class> <args...>"; keep the args only.
        String[] parts = args.split(" ");
        for (int i = 1; i < parts.length; i++) {
            cmd.add(parts[i]);
        }
        return cmd;
    }
}
