package dev.assay.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.api.Precision;
import dev.assay.api.result.Metric;
import dev.assay.api.training.TrainingBackend;
import dev.assay.api.training.TrainingOutcome;
import dev.assay.api.training.TrainingRequest;
import dev.assay.core.data.DenseClassifierFile;
import dev.assay.core.data.FashionMnist;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MLP on real Fashion-MNIST: reaches 85% test accuracy, and its export reproduces that accuracy. */
class MlpFashionTrainingTest {
    @TempDir
    Path exportDir;

    @Test
    void trainsToTargetAccuracyAndExportsAModelThatAgrees() throws Exception {
        FashionMnist.Location location = FashionMnist.locate(null);
        Assumptions.assumeTrue(location instanceof FashionMnist.Location.Found,
                () -> "Fashion-MNIST not installed (" + FashionMnist.INSTALL_HINT + "); " + location);
        TrainingRequest request = new TrainingRequest("mlp-fashion", Precision.FP32, 128, 0, 20, 5, 42, null,
                Map.of("ttq_runs", "1", "max_epochs", "4", "target_accuracy", "0.85",
                        "export_dir", exportDir.toString(), "peak_gflops", "100", "peak_source", "test value",
                        "threads", "1")); // one thread: robust to a busy shared machine; speed is not under test
        TrainingOutcome outcome;
        try (TrainingBackend backend = new DjlTrainingProvider().create()) {
            outcome = backend.train(request, System.out::println);
        }
        Metric.Value accuracy = assertInstanceOf(Metric.Value.class, outcome.metrics().get("test_accuracy"));
        assertTrue(accuracy.value() >= 0.85, "test accuracy " + accuracy.value());
        Metric.Estimate ttq = assertInstanceOf(Metric.Estimate.class, outcome.metrics().get("time_to_quality"));
        assertTrue(ttq.value() > 0 && ttq.repeats() == 1, ttq.toString());
        Metric.Distribution step = assertInstanceOf(Metric.Distribution.class, outcome.metrics().get("step_time"));
        assertEquals(20, step.count());
        assertTrue(step.p50() > 0 && step.p50() <= step.max());

        // FLOPs per step: 3 x 2 x (784*256 + 256*128 + 128*10) x 128
        long flops = 3L * 2 * (784 * 256 + 256 * 128 + 128 * 10) * 128;
        assertEquals(flops, outcome.details().get("flops_per_step"));
        Metric.Value mfu = assertInstanceOf(Metric.Value.class, outcome.metrics().get("mfu"));
        double achieved = flops / (step.mean() / 1e3);
        assertEquals(achieved / 100e9, mfu.value(), mfu.value() * 0.01, "mfu from mean step time and given peak");

        long params = 784 * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10;
        assertEquals(params * 4.0, value(outcome, "memory_weights"));
        assertEquals(params * 8.0, value(outcome, "memory_optimizer_state"));
        assertTrue(value(outcome, "memory_activations") > 0);
        assertTrue(value(outcome, "memory_peak_rss") > params * 16.0);
        assertTrue(outcome.details().get("data_source").toString().startsWith("Fashion-MNIST from "));
        assertTrue(((List<?>) outcome.details().get("curve")).size() >= 1);

        // Export round trip: the plain-Java forward pass of the exported weights gives DJL's accuracy.
        DenseClassifierFile.DenseClassifier exported = DenseClassifierFile.read(exportDir);
        FashionMnist.Dataset data = FashionMnist.load(location.folder().orElseThrow());
        double javaAccuracy = exported.accuracy(data.test());
        assertEquals(accuracy.value(), exported.testAccuracy(), 1e-12);
        assertEquals(accuracy.value(), javaAccuracy, 0.005, "accuracy of exported weights computed in Java");
    }

    private static double value(TrainingOutcome outcome, String name) {
        return assertInstanceOf(Metric.Value.class, outcome.metrics().get(name), name).value();
    }
}
