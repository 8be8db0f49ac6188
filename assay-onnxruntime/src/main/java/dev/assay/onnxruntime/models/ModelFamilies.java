package dev.assay.onnxruntime.models;

import dev.assay.api.AssayException;
import dev.assay.onnxruntime.onnx.DataType;
import dev.assay.onnxruntime.onnx.Dim;
import dev.assay.onnxruntime.onnx.GraphBuilder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in model families, generated as FP32 ONNX graphs with synthetic weights. Batch
 * (and sequence) dimensions are symbolic ({@code batch}, {@code seq}, {@code past}) so one
 * model serves every operating point, exactly like an exported production model.
 */
public final class ModelFamilies {
    /** Family ids. */
    public static final String MLP = "mlp";
    public static final String MLP_WIDE = "mlp-wide";
    public static final String CNN = "cnn";
    public static final String TRANSFORMER = "transformer";
    public static final String DECODER = "decoder";
    public static final String MLP_TRAINED = "mlp-trained";

    /** Default sequence length of the encoder and KV-cache length of the decoder when none is requested. */
    public static final int DEFAULT_SEQ_LEN = 128;

    /** One family: id, one-line description, whether sequence length applies. */
    public record Family(String id, String description, boolean sequence) {
    }

    public static final List<Family> FAMILIES = List.of(
            new Family(MLP, "MLP 784-512-512-10, ReLU (options: hidden=512,512 input=784 classes=10)", false),
            new Family(MLP_WIDE, "MLP 784-2048-2048-10, ReLU (same options as mlp)", false),
            new Family(CNN, "ResNet-style CNN, 3 stages of residual blocks on 3x32x32 (options: input=3x32x32 width=16 blocks=1 classes=10)", false),
            new Family(TRANSFORMER, "BERT-like encoder: embeddings, multi-head attention, GELU FFN, LayerNorm; seqLen = sequence length (options: layers=2 hidden=256 heads=4 ffn=4*hidden vocab=1024; BERT-base: layers=12 hidden=768 heads=12 vocab=30522)", true),
            new Family(DECODER, "GPT-like decoder, one new token per call with KV cache in/out; seqLen = cached context length (options: layers=4 hidden=512 heads=8 ffn=4*hidden vocab=4096)", true),
            new Family(MLP_TRAINED, "trained dense classifier loaded from option weights=PATH (assay-dense-v1 model.json, e.g. Fashion-MNIST)", false));

    private ModelFamilies() {
    }

    public static Family family(String id) throws AssayException {
        for (Family f : FAMILIES) {
            if (f.id().equals(id)) {
                return f;
            }
        }
        throw AssayException.badInput("unknown onnxruntime workload '" + id + "' (allowed: "
                + String.join(", ", FAMILIES.stream().map(Family::id).toList()) + ", or --model PATH.onnx)");
    }

    /**
     * Builds a family's FP32 model.
     *
     * @param id      family id
     * @param options shape options
     * @param seqLen  requested sequence length (0 = family default)
     * @param seed    weight seed
     */
    public static BuiltModel build(String id, Map<String, String> options, int seqLen, long seed) throws AssayException {
        Options o = new Options(options);
        SyntheticWeights w = new SyntheticWeights(seed);
        return switch (family(id).id()) {
            case MLP -> mlp(MLP, o, w, new int[]{512, 512});
            case MLP_WIDE -> mlp(MLP_WIDE, o, w, new int[]{2048, 2048});
            case CNN -> cnn(o, w);
            case TRANSFORMER -> transformer(o, w, seqLen);
            case DECODER -> decoder(o, w, seqLen);
            case MLP_TRAINED -> {
                String path = o.string("weights", null);
                if (path == null) {
                    throw AssayException.badInput("workload mlp-trained needs option weights=PATH (a folder or model.json in assay-dense-v1 format)");
                }
                yield DenseModel.load(java.nio.file.Path.of(path));
            }
            default -> throw new IllegalStateException("family " + id + " listed but not built");
        };
    }

    private static BuiltModel mlp(String id, Options o, SyntheticWeights w, int[] defaultHidden) throws AssayException {
        int in = o.integer("input", 784, 1, 1 << 20);
        int classes = o.integer("classes", 10, 1, 1 << 20);
        int[] hidden = o.integers("hidden", defaultHidden);
        int[] sizes = new int[hidden.length + 2];
        sizes[0] = in;
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = classes;
        GraphBuilder g = new GraphBuilder(id);
        String x = g.input("input", DataType.FLOAT, Dim.param("batch"), Dim.of(in));
        g.metadata(InputHints.INPUT + "input", "uniform:0:1");
        for (int l = 0; l + 1 < sizes.length; l++) {
            int fi = sizes[l];
            int fo = sizes[l + 1];
            String wt = g.floats("fc" + l + ".weight", new long[]{fi, fo}, w.he("fc" + l + ".weight", fi * fo, fi));
            String b = g.floats("fc" + l + ".bias", new long[]{fo}, w.uniform("fc" + l + ".bias", fo, 0.05));
            boolean last = l + 2 == sizes.length;
            x = g.op("MatMul", x, wt);
            x = last ? g.node("Add").in(x, b).named("logits").out() : g.op("Relu", g.op("Add", x, b));
        }
        g.output(x, DataType.FLOAT, Dim.param("batch"), Dim.of(classes));
        g.metadata(InputHints.OUTPUT + "logits", InputHints.CLASSIFIER);
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("layers", Arrays.stream(sizes).boxed().toList());
        cfg.put("activation", "relu");
        return new BuiltModel(g.build(), id, "built-in", true, cfg);
    }

    private static BuiltModel cnn(Options o, SyntheticWeights w) throws AssayException {
        int[] chw = o.integers("input", new int[]{3, 32, 32});
        if (chw.length != 3) {
            throw AssayException.badInput("option input=" + o.string("input", "") + " must be CxHxW, e.g. 3x32x32 or 1x28x28");
        }
        int width = o.integer("width", 16, 1, 4096);
        int blocks = o.integer("blocks", 1, 1, 64);
        int classes = o.integer("classes", 10, 1, 1 << 20);
        GraphBuilder g = new GraphBuilder(CNN);
        String x = g.input("input", DataType.FLOAT, Dim.param("batch"), Dim.of(chw[0]), Dim.of(chw[1]), Dim.of(chw[2]));
        g.metadata(InputHints.INPUT + "input", "uniform:0:1");
        int[] counter = {0};
        x = g.op("Relu", conv(g, w, counter, x, chw[0], width, 3, 1));
        int cin = width;
        for (int stage = 0; stage < 3; stage++) {
            int ch = width << stage;
            for (int b = 0; b < blocks; b++) {
                int stride = stage > 0 && b == 0 ? 2 : 1;
                String y = g.op("Relu", conv(g, w, counter, x, cin, ch, 3, stride));
                y = conv(g, w, counter, y, ch, ch, 3, 1);
                String shortcut = stride != 1 || cin != ch ? conv(g, w, counter, x, cin, ch, 1, stride) : x;
                x = g.op("Relu", g.op("Add", y, shortcut));
                cin = ch;
            }
        }
        x = g.node("Flatten").in(g.op("GlobalAveragePool", x)).attr("axis", 1L).out();
        String fw = g.floats("fc.weight", new long[]{cin, classes}, w.he("fc.weight", cin * classes, cin));
        String fb = g.floats("fc.bias", new long[]{classes}, w.uniform("fc.bias", classes, 0.05));
        x = g.node("Add").in(g.op("MatMul", x, fw), fb).named("logits").out();
        g.output(x, DataType.FLOAT, Dim.param("batch"), Dim.of(classes));
        g.metadata(InputHints.OUTPUT + "logits", InputHints.CLASSIFIER);
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("input", List.of(chw[0], chw[1], chw[2]));
        cfg.put("width", width);
        cfg.put("stages", 3);
        cfg.put("blocks_per_stage", blocks);
        cfg.put("classes", classes);
        return new BuiltModel(g.build(), CNN, "built-in", true, cfg);
    }

    private static String conv(GraphBuilder g, SyntheticWeights w, int[] counter, String x, int cin, int cout, int k,
                               int stride) {
        String n = "conv" + counter[0]++;
        String wt = g.floats(n + ".weight", new long[]{cout, cin, k, k}, w.he(n + ".weight", cout * cin * k * k, cin * k * k));
        String b = g.floats(n + ".bias", new long[]{cout}, w.uniform(n + ".bias", cout, 0.05));
        int pad = k / 2;
        return g.node("Conv").in(x, wt, b).attrs("kernel_shape", k, k).attrs("strides", stride, stride)
                .attrs("pads", pad, pad, pad, pad).out();
    }

    /** Shape parameters shared by the encoder and decoder. */
    private record TransformerShape(int layers, int hidden, int heads, int ffn, int vocab) {
        static TransformerShape read(Options o, int layers, int hidden, int heads, int vocab) throws AssayException {
            int h = o.integer("hidden", hidden, 8, 1 << 16);
            int nh = o.integer("heads", heads, 1, 1024);
            if (h % nh != 0) {
                throw AssayException.badInput("option hidden=" + h + " must be divisible by heads=" + nh);
            }
            return new TransformerShape(o.integer("layers", layers, 1, 256), h, nh,
                    o.integer("ffn", 4 * h, 1, 1 << 18), o.integer("vocab", vocab, 2, 1 << 20));
        }

        int headDim() {
            return hidden / heads;
        }

        Map<String, Object> config(int seqLen, String seqMeaning) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("layers", layers);
            c.put("hidden", hidden);
            c.put("heads", heads);
            c.put("ffn", ffn);
            c.put("vocab", vocab);
            c.put(seqMeaning, seqLen);
            return c;
        }
    }

    private static String linear(GraphBuilder g, SyntheticWeights w, String x, String name, int in, int out) {
        String wt = g.floats(name + ".weight", new long[]{in, out}, w.uniform(name + ".weight", in * out, Math.sqrt(3.0 / in)));
        String b = g.floats(name + ".bias", new long[]{out}, w.uniform(name + ".bias", out, 0.02));
        return g.op("Add", g.op("MatMul", x, wt), b);
    }

    private static String layerNorm(GraphBuilder g, String x, String name, int hidden) {
        String gamma = g.floats(name + ".gamma", new long[]{hidden}, SyntheticWeights.filled(hidden, 1f));
        String beta = g.floats(name + ".beta", new long[]{hidden}, SyntheticWeights.filled(hidden, 0f));
        return g.node("LayerNormalization").in(x, gamma, beta).attr("axis", -1L).attr("epsilon", 1e-5f).out();
    }

    /** GELU written with Erf, the form exporters emit and ORT fuses into its Gelu kernel. */
    private static String gelu(GraphBuilder g, String x, String name) {
        String sqrt2 = g.scalar(name + ".sqrt2", (float) Math.sqrt(2.0));
        String one = g.scalar(name + ".one", 1f);
        String half = g.scalar(name + ".half", 0.5f);
        String e = g.op("Add", g.op("Erf", g.op("Div", x, sqrt2)), one);
        return g.op("Mul", g.op("Mul", x, e), half);
    }

    /** [B, S, hidden] to [B, heads, S, dh] (or [B, heads, dh, S] when {@code keyLayout}). */
    private static String splitHeads(GraphBuilder g, String x, String shape, boolean keyLayout) {
        String r = g.op("Reshape", x, shape);
        return keyLayout ? g.node("Transpose").in(r).attrs("perm", 0, 2, 3, 1).out()
                : g.node("Transpose").in(r).attrs("perm", 0, 2, 1, 3).out();
    }

    /** Token plus position embeddings; {@code tokens} is the token axis (the sequence, or 1 for a decode step). */
    private static String embeddings(GraphBuilder g, SyntheticWeights w, TransformerShape s, int maxPos, Dim tokens) {
        String ids = g.input("input_ids", DataType.INT64, Dim.param("batch"), tokens);
        String pos = g.input("position_ids", DataType.INT64, Dim.param("batch"), tokens);
        String wte = g.floats("embed.tokens", new long[]{s.vocab(), s.hidden()}, w.uniform("embed.tokens", s.vocab() * s.hidden(), 0.5));
        String wpe = g.floats("embed.positions", new long[]{maxPos, s.hidden()}, w.uniform("embed.positions", maxPos * s.hidden(), 0.1));
        g.metadata(InputHints.INPUT + "input_ids", "int:0:" + s.vocab());
        return g.op("Add", g.node("Gather").in(wte, ids).attr("axis", 0L).out(), g.node("Gather").in(wpe, pos).attr("axis", 0L).out());
    }

    private static BuiltModel transformer(Options o, SyntheticWeights w, int seqLen) throws AssayException {
        TransformerShape s = TransformerShape.read(o, 2, 256, 4, 1024);
        int seq = seqLen > 0 ? seqLen : DEFAULT_SEQ_LEN;
        int maxPos = Math.max(512, seq);
        GraphBuilder g = new GraphBuilder(TRANSFORMER);
        String x = embeddings(g, w, s, maxPos, Dim.param("seq"));
        g.metadata(InputHints.INPUT + "position_ids", "arange");
        x = layerNorm(g, x, "embed.ln", s.hidden());
        String headShape = g.longs("shape.heads", 0, 0, s.heads(), s.headDim());
        String mergeShape = g.longs("shape.merge", 0, 0, s.hidden());
        String scale = g.scalar("attn.scale", (float) Math.sqrt(s.headDim()));
        for (int l = 0; l < s.layers(); l++) {
            String p = "layer" + l;
            String q = splitHeads(g, linear(g, w, x, p + ".q", s.hidden(), s.hidden()), headShape, false);
            String k = splitHeads(g, linear(g, w, x, p + ".k", s.hidden(), s.hidden()), headShape, true);
            String v = splitHeads(g, linear(g, w, x, p + ".v", s.hidden(), s.hidden()), headShape, false);
            String probs = g.node("Softmax").in(g.op("Div", g.op("MatMul", q, k), scale)).attr("axis", -1L).out();
            String ctx = g.node("Transpose").in(g.op("MatMul", probs, v)).attrs("perm", 0, 2, 1, 3).out();
            ctx = g.op("Reshape", ctx, mergeShape);
            String attn = linear(g, w, ctx, p + ".o", s.hidden(), s.hidden());
            x = layerNorm(g, g.op("Add", attn, x), p + ".ln1", s.hidden());
            String f = linear(g, w, x, p + ".ffn1", s.hidden(), s.ffn());
            f = linear(g, w, gelu(g, f, p + ".gelu"), p + ".ffn2", s.ffn(), s.hidden());
            x = layerNorm(g, g.op("Add", f, x), p + ".ln2", s.hidden());
        }
        x = g.node("Identity").in(x).named("last_hidden_state").out();
        g.output(x, DataType.FLOAT, Dim.param("batch"), Dim.param("seq"), Dim.of(s.hidden()));
        return new BuiltModel(g.build(), TRANSFORMER, "built-in", true, s.config(seq, "seq_len"));
    }

    private static BuiltModel decoder(Options o, SyntheticWeights w, int seqLen) throws AssayException {
        TransformerShape s = TransformerShape.read(o, 4, 512, 8, 4096);
        int past = seqLen > 0 ? seqLen : DEFAULT_SEQ_LEN;
        int maxPos = Math.max(1024, past + 1);
        GraphBuilder g = new GraphBuilder(DECODER);
        String x = embeddings(g, w, s, maxPos, Dim.of(1));
        g.metadata(InputHints.INPUT + "position_ids", "arange:past");
        String headShape = g.longs("shape.heads", 0, 0, s.heads(), s.headDim());
        String mergeShape = g.longs("shape.merge", 0, 0, s.hidden());
        String scale = g.scalar("attn.scale", (float) Math.sqrt(s.headDim()));
        Dim[] kvPast = {Dim.param("batch"), Dim.of(s.heads()), Dim.param("past"), Dim.of(s.headDim())};
        Dim[] kvPresent = {Dim.param("batch"), Dim.of(s.heads()), Dim.param("total"), Dim.of(s.headDim())};
        java.util.List<String[]> presents = new java.util.ArrayList<>();
        for (int l = 0; l < s.layers(); l++) {
            String p = "layer" + l;
            String pastK = g.input("past_key_" + l, DataType.FLOAT, kvPast);
            String pastV = g.input("past_value_" + l, DataType.FLOAT, kvPast);
            g.metadata(InputHints.INPUT + pastK, "uniform:-1:1");
            g.metadata(InputHints.INPUT + pastV, "uniform:-1:1");
            String h = layerNorm(g, x, p + ".ln1", s.hidden());
            String q = splitHeads(g, linear(g, w, h, p + ".q", s.hidden(), s.hidden()), headShape, false);
            String kNew = splitHeads(g, linear(g, w, h, p + ".k", s.hidden(), s.hidden()), headShape, false);
            String vNew = splitHeads(g, linear(g, w, h, p + ".v", s.hidden(), s.hidden()), headShape, false);
            String presentK = g.node("Concat").in(pastK, kNew).attr("axis", 2L).named("present_key_" + l).out();
            String presentV = g.node("Concat").in(pastV, vNew).attr("axis", 2L).named("present_value_" + l).out();
            presents.add(new String[]{presentK, presentV});
            String kT = g.node("Transpose").in(presentK).attrs("perm", 0, 1, 3, 2).out();
            String probs = g.node("Softmax").in(g.op("Div", g.op("MatMul", q, kT), scale)).attr("axis", -1L).out();
            String ctx = g.node("Transpose").in(g.op("MatMul", probs, presentV)).attrs("perm", 0, 2, 1, 3).out();
            ctx = g.op("Reshape", ctx, mergeShape);
            x = g.op("Add", x, linear(g, w, ctx, p + ".o", s.hidden(), s.hidden()));
            String f = linear(g, w, layerNorm(g, x, p + ".ln2", s.hidden()), p + ".ffn1", s.hidden(), s.ffn());
            x = g.op("Add", x, linear(g, w, gelu(g, f, p + ".gelu"), p + ".ffn2", s.ffn(), s.hidden()));
        }
        x = layerNorm(g, x, "final.ln", s.hidden());
        String head = g.floats("lm_head.weight", new long[]{s.hidden(), s.vocab()},
                w.uniform("lm_head.weight", s.hidden() * s.vocab(), Math.sqrt(3.0 / s.hidden())));
        String logits = g.node("MatMul").in(x, head).named("logits").out();
        g.output(logits, DataType.FLOAT, Dim.param("batch"), Dim.of(1), Dim.of(s.vocab()));
        for (String[] kv : presents) {
            g.output(kv[0], DataType.FLOAT, kvPresent);
            g.output(kv[1], DataType.FLOAT, kvPresent);
        }
        g.metadata(InputHints.OUTPUT + "logits", InputHints.CLASSIFIER);
        Map<String, Object> cfg = s.config(past, "kv_cache_len");
        cfg.put("new_tokens_per_call", 1);
        return new BuiltModel(g.build(), DECODER, "built-in", true, cfg);
    }
}
