package dev.assay.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.api.Precision;
import dev.assay.api.result.Metric;
import dev.assay.api.training.TrainingBackend;
import dev.assay.api.training.TrainingOutcome;
import dev.assay.api.training.TrainingRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tiny transformer LM trains (loss falls towards the chain's entropy) and reports tokens/s. */
class LmTinyTrainingTest {
    @Test
    void flopCountMatchesTheDefinition() {
        TinyDecoderLm.Config c = new TinyDecoderLm.Config(256, 128, 2, 4, 64);
        // per layer: qkv 3d^2 + proj d^2 + ffn 8d^2 = 12 d^2; plus head d*V
        long n = 2L * 12 * 128 * 128 + 128L * 256;
        assertEquals(n, c.matmulParams());
        // 3 x forward = 6N + 12*L*d*T per token (H*Q = d)
        assertEquals(6 * n + 12L * 2 * 128 * 64, 3 * c.forwardFlopsPerToken());
    }

    @Test
    void trainsAndReportsTokensPerSecond() throws Exception {
        int batch = 8;
        int seq = 32;
        TrainingRequest request = new TrainingRequest("lm-tiny", Precision.FP32, batch, seq, 40, 2, 3, null,
                Map.of("d_model", "64", "heads", "4", "layers", "2", "vocab", "64", "grad_accum", "2"));
        TrainingOutcome outcome;
        try (TrainingBackend backend = new DjlTrainingProvider().create()) {
            outcome = backend.train(request, System.out::println);
        }
        Metric.Value samples = assertInstanceOf(Metric.Value.class, outcome.metrics().get("samples_per_s"));
        Metric.Value tokens = assertInstanceOf(Metric.Value.class, outcome.metrics().get("tokens_per_s"));
        assertEquals(samples.value() * seq, tokens.value(), tokens.value() * 1e-9);
        assertEquals(OutcomeBuilder.MFU_NO_PEAK, assertInstanceOf(Metric.NotMeasured.class,
                outcome.metrics().get("mfu")).reason());
        assertInstanceOf(Metric.NotMeasured.class, outcome.metrics().get("time_to_quality"));
        assertEquals(40L, assertInstanceOf(Metric.Distribution.class, outcome.metrics().get("step_time")).count());
        assertEquals(2, outcome.details().get("grad_accum_steps"));
        assertEquals(4, outcome.details().get("micro_batch"));
        List<?> curve = (List<?>) outcome.details().get("curve");
        double first = (Double) ((Map<?, ?>) curve.getFirst()).get("loss");
        double last = (Double) ((Map<?, ?>) curve.getLast()).get("loss");
        assertTrue(first > Math.log(64) * 0.8, "starts near the uniform loss ln(64): " + first);
        assertTrue(last < first - 0.5, "loss falls: " + first + " -> " + last);
    }
}
