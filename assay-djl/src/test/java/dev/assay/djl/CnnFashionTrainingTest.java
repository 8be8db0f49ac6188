package dev.assay.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.api.Precision;
import dev.assay.api.result.Metric;
import dev.assay.api.training.TrainingBackend;
import dev.assay.api.training.TrainingOutcome;
import dev.assay.api.training.TrainingRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CNN runs its throughput phase; quality runs are off (ttq_runs=0) to keep the test short. */
class CnnFashionTrainingTest {
    @Test
    void measuresStepsAndCountsConvFlops() throws Exception {
        TrainingRequest request = new TrainingRequest("cnn-fashion", Precision.FP32, 32, 0, 8, 2, 1, null,
                Map.of("ttq_runs", "0", "synthetic", "true"));
        TrainingOutcome outcome;
        try (TrainingBackend backend = new DjlTrainingProvider().create()) {
            outcome = backend.train(request, System.out::println);
        }
        long forward = 2L * 32 * 28 * 28 * 1 * 9 + 2L * 64 * 14 * 14 * 32 * 9 + 2L * 3136 * 128 + 2L * 128 * 10;
        assertEquals(3 * forward * 32, outcome.details().get("flops_per_step"));
        assertEquals(8L, assertInstanceOf(Metric.Distribution.class, outcome.metrics().get("step_time")).count());
        assertEquals("not measured: ttq_runs=0", assertInstanceOf(Metric.NotMeasured.class,
                outcome.metrics().get("time_to_quality")).reason());
        double accuracy = assertInstanceOf(Metric.Value.class, outcome.metrics().get("test_accuracy")).value();
        assertTrue(accuracy >= 0 && accuracy <= 1);
        assertTrue(outcome.details().get("data_source").toString().startsWith("synthetic"));
        assertTrue(outcome.warnings().stream().anyMatch(w -> w.contains("synthetic=true")), outcome.warnings()
                .toString());
    }
}
