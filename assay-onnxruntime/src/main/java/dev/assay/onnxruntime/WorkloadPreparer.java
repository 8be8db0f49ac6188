package dev.assay.onnxruntime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.assay.api.AssayException;
import dev.assay.api.backend.PreparedWorkload;
import dev.assay.api.backend.WorkloadRequest;
import dev.assay.onnxruntime.accuracy.Divergence;
import dev.assay.onnxruntime.cost.GraphCost;
import dev.assay.onnxruntime.models.BuiltModel;
import dev.assay.onnxruntime.models.InputHints;
import dev.assay.onnxruntime.models.OnnxModels;
import dev.assay.onnxruntime.onnx.DataType;
import dev.assay.onnxruntime.onnx.Dim;
import dev.assay.onnxruntime.onnx.Graph;
import dev.assay.onnxruntime.onnx.Model;
import dev.assay.onnxruntime.onnx.OnnxCodec;
import dev.assay.onnxruntime.onnx.OnnxFormatException;
import dev.assay.onnxruntime.onnx.Tensor;
import dev.assay.onnxruntime.onnx.ValueInfo;
import dev.assay.onnxruntime.precision.ExecutionVerdict;
import dev.assay.onnxruntime.precision.Variant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Everything {@link OrtBackend#prepare} does, in order, for one request. */
final class WorkloadPreparer {
    /** Option: number of input samples kept loaded (default 16, fewer when large). */
    static final String SAMPLES = "samples";
    /** Samples compared against the FP32 reference for the accuracy disclosure. */
    static final int ACCURACY_SAMPLES = 4;

    private final OrtEnvironment env;
    private final WorkloadRequest req;
    private final List<String> warnings = new ArrayList<>();

    WorkloadPreparer(OrtEnvironment env, WorkloadRequest req) {
        this.env = env;
        this.req = req;
    }

    PreparedWorkload prepare() throws AssayException {
        SessionConfig cfg = SessionConfig.from(req.options());
        Variant variant = Variant.select(req.precision(), req.options());
        BuiltModel base = load(req);
        Model fp32 = base.model();
        InputFactory inputs = new InputFactory(fp32, req.batch(), req.seqLen());
        warnings.addAll(inputs.warnings());
        VariantBuilder.Built built = VariantBuilder.build(env, fp32, variant, inputs, req.options(), req.seed(), cfg);
        Model model = built.model();

        Graph optimised;
        OrtSession session;
        try {
            optimised = inspect(model, cfg);
            session = createSession(model, cfg, null);
        } catch (OrtException e) {
            throw refusal(base, variant, e);
        }
        try {
            ExecutionVerdict verdict = ExecutionVerdict.decide(variant, model.graph(), optimised);
            Map<String, DataType> types = VariantBuilder.inputTypes(model);
            GraphCost cost = GraphCost.of(bind(model.graph(), inputs), inputs.bindings(), req.batch());
            long sampleBytes = Math.max(1, cost.inputBytes());
            int requested = new dev.assay.onnxruntime.models.Options(req.options()).integer(SAMPLES, OrtSampleLibrary.MAX_SAMPLES, 1, 4096);
            OrtSampleLibrary library = new OrtSampleLibrary(req.workload() + "@" + variant.id(), env, inputs, types,
                    req.seed(), sampleBytes, requested);
            Map<String, Object> accuracy = accuracy(session, fp32, model, variant, inputs, library, cfg);

            Map<String, Object> d = new LinkedHashMap<>();
            d.put("model", modelDisclosure(base, model, inputs));
            d.put("session_options", cfg.disclosure());
            d.put("operators", new TreeMap<>(optimised.operatorCounts()));
            d.put("operators_before_optimization", new TreeMap<>(model.graph().operatorCounts()));
            d.put("flops_per_sample", cost.flopsDisclosure());
            d.put("bytes_per_sample", cost.bytesDisclosure());
            Map<String, Object> precision = new LinkedHashMap<>();
            precision.put("requested", req.precision().id());
            precision.put("variant", variant.id());
            precision.putAll(verdict.disclosure());
            precision.put("recipe", built.recipe());
            d.put("precision", precision);
            d.put("accuracy", accuracy);
            d.put("inputs_generated", Map.of("rules", inputs.disclosure(), "bindings", inputs.bindings(),
                    "samples", library.totalSampleCount(), "seed", req.seed()));
            if (verdict.execution().equals("emulated")) {
                warnings.add(variant.id() + " is emulated: " + verdict.reason());
            }
            if (!cost.complete()) {
                warnings.add("FLOPs/bytes not computed for some nodes: " + String.join(", ", cost.unresolved()));
            }
            String sutName = "onnxruntime:" + req.workload() + ":" + variant.id() + ":b" + req.batch();
            OrtSut sut = sut(sutName, session, library, model, inputs);
            Map<String, Object> so = new LinkedHashMap<>(cfg.disclosure());
            so.put("output_binding", sut.pinnedOutputs() ? "preallocated per issuing thread (static output shapes)"
                    : "allocated by ONNX Runtime per call");
            d.put("session_options", so);
            return new PreparedWorkload(sut, library, req.batch(), d, warnings);
        } catch (AssayException | RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    /**
     * The SUT, with preallocated outputs when shape inference knows every output shape. One
     * query is run through it here so a shape the runtime disagrees with falls back to
     * runtime-allocated outputs instead of failing the measurement.
     */
    private OrtSut sut(String name, OrtSession session, OrtSampleLibrary library, Model model, InputFactory inputs) {
        Map<String, dev.assay.onnxruntime.cost.ValueShape> shapes =
                dev.assay.onnxruntime.cost.ShapeInference.infer(bind(model.graph(), inputs), inputs.bindings());
        List<OrtSut.OutputSpec> specs = new ArrayList<>();
        for (ValueInfo v : model.graph().outputs()) {
            var s = shapes.get(v.name());
            DataType t = s == null || s.type() == null ? v.elemType() : s.type();
            if (s == null || !s.isStatic() || t == null || t.bits() == 0 || t.bits() % 8 != 0) {
                specs = null;
                break;
            }
            specs.add(new OrtSut.OutputSpec(v.name(), t, s.dims()));
        }
        if (specs != null) {
            OrtSut pinned = new OrtSut(name, env, session, library, specs);
            String[] failure = {null};
            pinned.issue(new dev.assay.api.loadgen.Query(0, new int[]{0}), new dev.assay.api.loadgen.ResponseSink() {
                public void complete(long id) {
                }

                public void fail(long id, String reason) {
                    failure[0] = reason;
                }
            });
            if (failure[0] == null) {
                return pinned;
            }
            pinned.releaseOutputs();
            warnings.add("preallocated outputs rejected (" + failure[0] + "); ONNX Runtime allocates outputs per call");
        }
        return new OrtSut(name, env, session, library, null);
    }

    /** The FP32 model: a built-in family, a trained dense model, or the user's file. */
    static BuiltModel load(WorkloadRequest req) throws AssayException {
        if (req.modelPath() == null) {
            return OnnxModels.build(req.workload(), req.options(), req.seqLen(), req.seed());
        }
        Path p = req.modelPath();
        if (!Files.isRegularFile(p)) {
            throw AssayException.badInput("model file not found: " + p);
        }
        Model m;
        try {
            m = OnnxCodec.read(p);
        } catch (IOException e) {
            throw AssayException.badInput("cannot read model file " + p + ": " + e.getMessage());
        } catch (OnnxFormatException e) {
            // Prefer ORT's own words: it is the authority on what a valid model is.
            String why = ortRejection(p);
            throw AssayException.badInput("not a valid ONNX model: " + p + ": " + (why != null ? why : e.getMessage()));
        }
        for (Tensor t : m.graph().initializers()) {
            if (t.external()) {
                throw AssayException.unsupported("model " + p + " keeps weights in external data files, which Assay's graph rewriter does not load");
            }
        }
        String why = ortRejection(p);
        if (why != null) {
            throw AssayException.badInput("not a valid ONNX model: " + p + ": " + why);
        }
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("path", p.toAbsolutePath().toString());
        cfg.put("producer", m.producerName() + " " + m.producerVersion());
        cfg.put("opsets", m.opsets());
        return new BuiltModel(m, "file", "file", false, cfg);
    }

    /** ORT's message when it refuses the file, or null when it loads it. */
    private static String ortRejection(Path p) {
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
            try (OrtSession s = OrtRuntime.env().createSession(p.toString(), so)) {
                return null;
            }
        } catch (OrtException e) {
            return oneLine(e.getMessage());
        }
    }

    private OrtSession createSession(Model model, SessionConfig cfg, Path optimisedOut) throws OrtException {
        SessionConfig use = optimisedOut == null ? cfg : cfg.withoutProfiling();
        try (OrtSession.SessionOptions so = use.toOptions()) {
            if (optimisedOut != null) {
                so.setOptimizedModelFilePath(optimisedOut.toString());
            }
            return env.createSession(model.toBytes(), so);
        }
    }

    /**
     * The post-optimisation graph, from a separate inspection session that saves it: the
     * measured session is created without that option so serialisation cannot change how it runs.
     */
    private Graph inspect(Model model, SessionConfig cfg) throws OrtException, AssayException {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("assay-ort-optimised-", ".onnx");
            try (OrtSession s = createSession(model, cfg, tmp)) {
                // created only to write the optimised graph
            }
            return OnnxCodec.read(tmp).graph();
        } catch (IOException | OnnxFormatException e) {
            throw AssayException.failure("cannot read ONNX Runtime's optimised graph: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
    }

    private AssayException refusal(BuiltModel base, Variant v, OrtException e) {
        String msg = oneLine(e.getMessage());
        if (v == Variant.FP32) {
            return base.source().equals("file")
                    ? AssayException.badInput("not a valid ONNX model: " + req.modelPath() + ": " + msg)
                    : AssayException.failure("onnxruntime refused the built-in " + base.family() + " model: " + msg, e);
        }
        return AssayException.unsupported("onnxruntime CPU cannot run " + v.id() + ": " + msg);
    }

    /** Input values with the bound static shapes, so cost analysis sees concrete dimensions. */
    private static Graph bind(Graph g, InputFactory inputs) {
        List<ValueInfo> bound = new ArrayList<>();
        for (ValueInfo v : g.inputs()) {
            if (v.shape() == null) {
                bound.add(v);
                continue;
            }
            long[] s = inputs.boundShape(v);
            List<Dim> dims = new ArrayList<>();
            for (long x : s) {
                dims.add(Dim.of(x));
            }
            bound.add(new ValueInfo(v.name(), v.elemType(), dims, v.rawType()));
        }
        return new Graph(g.name(), g.nodes(), g.initializers(), bound, g.outputs(), g.valueInfo(), g.unknown());
    }

    private Map<String, Object> modelDisclosure(BuiltModel base, Model model, InputFactory inputs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", req.modelPath() != null ? req.modelPath().getFileName().toString() : req.workload());
        m.put("family", base.family());
        m.put("source", base.source());
        m.put("synthetic_weights", base.synthetic());
        if (base.synthetic()) {
            m.put("weights", "synthetic weights (deterministic-random from seed " + req.seed() + ")");
        }
        m.put("config", base.config());
        m.put("parameter_count", base.model().graph().parameterCount());
        m.put("weight_bytes_fp32", base.model().graph().initializerBytes());
        m.put("weight_bytes", model.graph().initializerBytes());
        m.put("opsets", model.opsets());
        List<Map<String, Object>> ins = new ArrayList<>();
        for (ValueInfo v : model.graph().feedInputs()) {
            ins.add(io(v, inputs.boundShape(v)));
        }
        List<Map<String, Object>> outs = new ArrayList<>();
        for (ValueInfo v : model.graph().outputs()) {
            outs.add(io(v, null));
        }
        m.put("inputs", ins);
        m.put("outputs", outs);
        return m;
    }

    private static Map<String, Object> io(ValueInfo v, long[] bound) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", v.name());
        m.put("type", v.elemType() == null ? "non-tensor" : v.elemType().id());
        m.put("shape", v.shape() == null ? null : v.shape().stream().map(Dim::toString).toList());
        if (bound != null) {
            m.put("bound_shape", java.util.Arrays.stream(bound).boxed().toList());
        }
        return m;
    }

    /**
     * Divergence of the variant's first output from the FP32 model's on the same samples.
     * A variant that loads but cannot run is reported as unsupported here, before any timing.
     */
    private Map<String, Object> accuracy(OrtSession session, Model fp32, Model model, Variant v, InputFactory inputs,
                                         OrtSampleLibrary library, SessionConfig cfg) throws AssayException {
        int n = Math.min(ACCURACY_SAMPLES, library.totalSampleCount());
        String out0 = model.graph().outputs().get(0).name();
        int classes = classes(model, out0);
        Map<String, DataType> refTypes = VariantBuilder.inputTypes(fp32);
        Map<String, DataType> types = VariantBuilder.inputTypes(model);
        if (v == Variant.FP32) {
            // still run once so a model that loads but cannot execute fails here, not mid-measurement
            runOnce(session, inputs, types, library.sampleSeed(0), out0, v);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("reference", true);
            m.put("note", "fp32 is the reference precision");
            return m;
        }
        Divergence div = new Divergence();
        try (OrtSession.SessionOptions so = cfg.withoutProfiling().toOptions(); OrtSession ref = env.createSession(fp32.toBytes(), so)) {
            for (int i = 0; i < n; i++) {
                float[] want = runOnce(ref, inputs, refTypes, library.sampleSeed(i), out0, Variant.FP32);
                float[] got = runOnce(session, inputs, types, library.sampleSeed(i), out0, v);
                div.add(want, got, classes);
            }
        } catch (OrtException e) {
            throw AssayException.failure("fp32 reference run failed: " + e.getMessage(), e);
        }
        Map<String, Object> m = div.toMap();
        m.put("reference", "fp32 model on the same inputs");
        m.put("output", out0);
        m.put("samples", n);
        m.put("items", (long) n * req.batch());
        m.put("kind", classes > 1 ? "classifier (top-1 over the last axis)" : "values");
        return m;
    }

    private float[] runOnce(OrtSession s, InputFactory inputs, Map<String, DataType> types, long seed, String output,
                            Variant v) throws AssayException {
        Map<String, OnnxTensor> feed = new LinkedHashMap<>();
        try {
            for (InputFactory.Generated g : inputs.sample(seed).values()) {
                feed.put(g.name(), Tensors.create(env, g, types.get(g.name())));
            }
            try (OrtSession.Result r = s.run(feed)) {
                float[] f = Tensors.readFloats(r.get(output).orElseThrow());
                return f == null ? new float[0] : f;
            }
        } catch (OrtException e) {
            String msg = "onnxruntime CPU cannot run " + v.id() + ": " + oneLine(e.getMessage());
            throw v == Variant.FP32 ? AssayException.failure(msg, e) : AssayException.unsupported(msg);
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    private static int classes(Model m, String output) {
        if (!InputHints.CLASSIFIER.equals(m.metadata().get(InputHints.OUTPUT + output))) {
            return 0;
        }
        for (ValueInfo v : m.graph().outputs()) {
            if (v.name().equals(output) && v.shape() != null && !v.shape().isEmpty()) {
                Dim last = v.shape().get(v.shape().size() - 1);
                return last.isFixed() ? (int) last.value() : 0;
            }
        }
        return 0;
    }

    static String oneLine(String s) {
        if (s == null) {
            return "no message";
        }
        return s.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    private static void closeQuietly(OrtSession s) {
        try {
            s.close();
        } catch (OrtException ignored) {
            // nothing to save
        }
    }
}
