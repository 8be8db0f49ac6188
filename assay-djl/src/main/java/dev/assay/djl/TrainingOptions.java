package dev.assay.djl;

import dev.assay.api.AssayException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/**
 * Backend options of a training request ({@code TrainingRequest.options}), parsed and
 * validated once. Every key is documented in docs/training.md; a bad value is bad input
 * with a message naming the key, the value and the allowed range.
 *
 * @param optimizer        {@code adam} or {@code sgd} (momentum 0.9)
 * @param learningRate     optimiser learning rate
 * @param gradAccum        micro-batches per optimiser step; the global batch is split evenly
 * @param targetAccuracy   test accuracy that ends a time-to-quality run
 * @param ttqRuns          seeded time-to-quality runs (0 disables)
 * @param maxEpochs        epochs after which a time-to-quality run gives up
 * @param evalEvery        steps between evaluations during time-to-quality runs (0: a quarter epoch)
 * @param peakGflops       FP32 (or recipe) peak of this executor for MFU, if the caller measured one
 * @param peakSource       where that peak came from
 * @param exportDir        folder for the assay-dense-v1 export, or null
 * @param threads          PyTorch intra-op threads
 * @param interopThreads   PyTorch inter-op threads
 * @param steadyTolerance  largest coefficient of variation of window throughputs still called steady
 * @param synthetic        force the synthetic task even when the dataset is installed
 * @param lm               language-model shape (lm-tiny only)
 * @param unknownKeys      keys this backend does not use (reported as a warning)
 */
record TrainingOptions(String optimizer, float learningRate, int gradAccum, double targetAccuracy, int ttqRuns,
                       int maxEpochs, int evalEvery, OptionalDouble peakGflops, String peakSource, Path exportDir,
                       int threads, int interopThreads, double steadyTolerance, boolean synthetic, LmShape lm,
                       Set<String> unknownKeys) {

    /** Language model shape options (context length comes from the request's seqLen). */
    record LmShape(int vocab, int dModel, int layers, int heads) {
    }

    static final Set<String> KEYS = Set.of("optimizer", "lr", "grad_accum", "target_accuracy", "ttq_runs",
            "max_epochs", "eval_every", "peak_gflops", "peak_source", "export_dir", "threads", "interop_threads",
            "steady_tolerance", "synthetic", "vocab", "d_model", "layers", "heads");

    TrainingOptions {
        unknownKeys = Set.copyOf(unknownKeys);
    }

    static TrainingOptions parse(Map<String, String> raw, WorkloadKind workload) throws AssayException {
        Parser p = new Parser(raw);
        String optimizer = p.string("optimizer", "adam").toLowerCase(Locale.ROOT);
        if (!optimizer.equals("adam") && !optimizer.equals("sgd")) {
            throw AssayException.badInput("option optimizer='" + optimizer + "' is not supported (allowed: adam, sgd)");
        }
        float lr = (float) p.real("lr", optimizer.equals("adam") ? 1e-3 : 0.05, 1e-8, 10);
        int accum = p.integer("grad_accum", 1, 1, 4096);
        double target = p.real("target_accuracy", workload.defaultTargetAccuracy(), 0.01, 1.0);
        int runs = p.integer("ttq_runs", 3, 0, 100);
        int maxEpochs = p.integer("max_epochs", workload.defaultMaxEpochs(), 1, 1000);
        int evalEvery = p.integer("eval_every", 0, 0, 1_000_000);
        OptionalDouble peak = raw.containsKey("peak_gflops")
                ? OptionalDouble.of(p.real("peak_gflops", 0, 1e-6, 1e12)) : OptionalDouble.empty();
        String peakSource = p.string("peak_source", "given by the caller (source not stated)");
        String export = p.string("export_dir", null);
        int cpus = Runtime.getRuntime().availableProcessors();
        int threads = p.integer("threads", cpus, 1, 4096);
        int interop = p.integer("interop_threads", 1, 1, 4096);
        double steady = p.real("steady_tolerance", 0.10, 0.0, 10);
        boolean synthetic = p.bool("synthetic", false);
        LmShape lm = new LmShape(p.integer("vocab", 256, 2, 1_000_000), p.integer("d_model", 128, 1, 65536),
                p.integer("layers", 2, 1, 1024), p.integer("heads", 4, 1, 1024));
        if (lm.dModel() % lm.heads() != 0) {
            throw AssayException.badInput("option d_model=" + lm.dModel() + " must be a multiple of heads="
                    + lm.heads());
        }
        Set<String> unknown = new TreeSet<>(raw.keySet());
        unknown.removeAll(KEYS);
        return new TrainingOptions(optimizer, lr, accum, target, runs, maxEpochs, evalEvery, peak, peakSource,
                export == null ? null : Path.of(export), threads, interop, steady, synthetic, lm, unknown);
    }

    /** The effective values, for disclosure next to the result. */
    Map<String, Object> effective() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("optimizer", optimizer);
        m.put("lr", learningRate);
        m.put("grad_accum", gradAccum);
        m.put("target_accuracy", targetAccuracy);
        m.put("ttq_runs", ttqRuns);
        m.put("max_epochs", maxEpochs);
        m.put("eval_every", evalEvery);
        m.put("peak_gflops", peakGflops.isPresent() ? peakGflops.getAsDouble() : null);
        m.put("peak_source", peakGflops.isPresent() ? peakSource : null);
        m.put("export_dir", exportDir == null ? null : exportDir.toString());
        m.put("threads", threads);
        m.put("interop_threads", interopThreads);
        m.put("steady_tolerance", steadyTolerance);
        m.put("synthetic", synthetic);
        return m;
    }

    List<String> warnings() {
        List<String> w = new ArrayList<>();
        if (!unknownKeys.isEmpty()) {
            w.add("options not used by the djl backend: " + String.join(", ", unknownKeys));
        }
        return w;
    }

    /** Typed access with one-line messages. */
    private record Parser(Map<String, String> raw) {
        String string(String key, String def) {
            String v = raw.get(key);
            return v == null || v.isBlank() ? def : v.trim();
        }

        int integer(String key, int def, int min, int max) throws AssayException {
            String v = raw.get(key);
            if (v == null || v.isBlank()) {
                return def;
            }
            try {
                int x = Integer.parseInt(v.trim());
                if (x < min || x > max) {
                    throw AssayException.badInput("option " + key + "=" + x + " is out of range [" + min + ", " + max + "]");
                }
                return x;
            } catch (NumberFormatException e) {
                throw AssayException.badInput("option " + key + "='" + v + "' is not an integer");
            }
        }

        double real(String key, double def, double min, double max) throws AssayException {
            String v = raw.get(key);
            if (v == null || v.isBlank()) {
                return def;
            }
            try {
                double x = Double.parseDouble(v.trim());
                if (!(x >= min && x <= max)) {
                    throw AssayException.badInput("option " + key + "=" + v.trim() + " is out of range [" + min + ", "
                            + max + "]");
                }
                return x;
            } catch (NumberFormatException e) {
                throw AssayException.badInput("option " + key + "='" + v + "' is not a number");
            }
        }

        boolean bool(String key, boolean def) throws AssayException {
            String v = raw.get(key);
            if (v == null || v.isBlank()) {
                return def;
            }
            return switch (v.trim().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1" -> true;
                case "false", "no", "0" -> false;
                default -> throw AssayException.badInput("option " + key + "='" + v + "' is not a boolean (true/false)");
            };
        }
    }
}
