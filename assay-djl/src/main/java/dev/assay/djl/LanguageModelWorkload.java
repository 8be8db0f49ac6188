package dev.assay.djl;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.assay.api.result.Metric;
import dev.assay.api.training.TrainingRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs {@code lm-tiny}: next-token training of {@link TinyDecoderLm} on sequences from a
 * seeded {@link SyntheticData.TokenChain}, for tokens/s and MFU. There is no quality target
 * (the data is synthetic), so time-to-quality and test accuracy are reported as not measured;
 * the loss curve and the chain's entropy (the loss floor) show that it learns.
 */
final class LanguageModelWorkload {
    /** Context length when the request does not give one. */
    static final int DEFAULT_SEQ_LEN = 64;

    ModelSize run(TrainingRequest request, TrainingOptions options, PrecisionRecipe recipe,
                                     OutcomeBuilder out, Consumer<String> progress) {
        int seqLen = request.seqLen() > 0 ? request.seqLen() : DEFAULT_SEQ_LEN;
        TrainingOptions.LmShape shape = options.lm();
        TinyDecoderLm.Config config = new TinyDecoderLm.Config(shape.vocab(), shape.dModel(), shape.layers(),
                shape.heads(), seqLen);
        int accum = options.gradAccum();
        int micro = request.batch() / accum;
        long tokensPerStep = (long) request.batch() * seqLen;
        long flopsPerStep = 3L * config.forwardFlopsPerToken() * tokensPerStep;
        Map<String, Object> arch = new LinkedHashMap<>();
        arch.put("vocab", config.vocab());
        arch.put("d_model", config.dModel());
        arch.put("layers", config.layers());
        arch.put("heads", config.heads());
        arch.put("seq_len", seqLen);
        arch.put("ffn", 4 * config.dModel());
        arch.put("matmul_params", config.matmulParams());
        arch.put("layout", "pre-norm decoder, learned positions, causal multi-head attention from dense + matmul + "
                + "mask + softmax, GELU feed-forward, untied output head");
        out.details().put("architecture", arch);
        out.details().put("forward_flops_per_token", config.forwardFlopsPerToken());
        out.details().put("data_source", "synthetic tokens: seeded first-order Markov chain over " + config.vocab()
                + " tokens, 4 successors per token (entropy " + String.format("%.3f", SyntheticData.TokenChain
                .entropyNats()) + " nats = loss floor)");

        SyntheticData.TokenChain chain = new SyntheticData.TokenChain(config.vocab(), request.seed());
        long[] nanos = new long[request.steps()];
        List<Map<String, Object>> curve = new ArrayList<>();
        long parameters;
        long activations;
        float lastLoss = Float.NaN;
        try (TrainingSession session = new TrainingSession("lm-tiny", new TinyDecoderLm(config),
                new Shape(micro, seqLen), options, recipe, request.seed())) {
            int total = request.warmupSteps() + request.steps();
            int every = Math.max(1, total / 20);
            double lossSum = 0;
            int lossCount = 0;
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                try (NDManager batch = session.newBatchManager()) {
                    List<TrainingSession.MicroBatch> mb = new ArrayList<>(accum);
                    for (int a = 0; a < accum; a++) {
                        long[] seq = chain.sample(micro, seqLen + 1);
                        long[] x = new long[micro * seqLen];
                        long[] y = new long[micro * seqLen];
                        for (int r = 0; r < micro; r++) {
                            System.arraycopy(seq, r * (seqLen + 1), x, r * seqLen, seqLen);
                            System.arraycopy(seq, r * (seqLen + 1) + 1, y, r * seqLen, seqLen);
                        }
                        mb.add(new TrainingSession.MicroBatch(batch.create(x, new Shape(micro, seqLen)),
                                batch.create(y, new Shape(micro, seqLen))));
                    }
                    long t0 = System.nanoTime();
                    lastLoss = session.step(mb, i == 0);
                    long dt = System.nanoTime() - t0;
                    if (i >= request.warmupSteps()) {
                        nanos[i - request.warmupSteps()] = dt;
                    }
                    lossSum += lastLoss;
                    lossCount++;
                    if ((i + 1) % every == 0 || i == total - 1) {
                        curve.add(OutcomeBuilder.curvePoint((System.nanoTime() - start) / 1e9, i + 1,
                                lossSum / lossCount, null));
                        lossSum = 0;
                        lossCount = 0;
                    }
                }
            }
            parameters = session.parameterCount();
            if (!recipe.isFp32()) {
                out.details().put("loss_scale", Map.of("final", session.lossScale(), "skipped_steps",
                        session.skippedSteps()));
            }
            activations = session.lastActivationBytes();
        }
        StepStats stats = new StepStats(nanos);
        progress.accept(String.format("lm-tiny: %d measured steps, mean step %.2f ms, %.0f tokens/s, final loss %.3f",
                stats.count(), stats.meanSeconds() * 1e3, stats.rate(tokensPerStep), lastLoss));
        out.throughput(stats, request.batch(), tokensPerStep, flopsPerStep, options, recipe);
        out.details().put("curve", curve);
        out.details().put("final_loss", lastLoss);
        out.details().put("loss_floor_nats", SyntheticData.TokenChain.entropyNats());
        out.metrics().put("time_to_quality", new Metric.NotMeasured(
                "not defined for lm-tiny: synthetic tokens have no quality target (see the loss curve)"));
        out.metrics().put("test_accuracy", new Metric.NotMeasured(
                "not defined for lm-tiny: no test set for synthetic tokens"));
        return new ModelSize(parameters, activations);
    }
}
