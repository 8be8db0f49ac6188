package dev.assay.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.api.AssayException;
import dev.assay.api.Precision;
import dev.assay.api.result.Metric;
import dev.assay.api.training.TrainingOutcome;
import dev.assay.api.training.TrainingRequest;
import dev.assay.core.data.FashionMnist;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without the dataset the classifier workloads train a labelled synthetic task and say how
 * to install the real one; a --data folder that lacks the files is bad input.
 */
class SyntheticFallbackTest {
    @TempDir
    Path dir;

    @Test
    void missingDatasetFallsBackToSyntheticWithInstallHint() throws Exception {
        Path nowhere = dir.resolve("nowhere");
        FashionMnist.Location absent = new FashionMnist.Location.Absent("Fashion-MNIST not found (looked in "
                + nowhere + "); install it with: " + FashionMnist.INSTALL_HINT);
        TrainingRequest request = new TrainingRequest("mlp-fashion", Precision.FP32, 128, 0, 10, 2, 5, null,
                Map.of("ttq_runs", "1", "max_epochs", "3", "target_accuracy", "0.8",
                        "export_dir", dir.resolve("export").toString()));
        TrainingOutcome outcome;
        try (DjlTrainingBackend backend = new DjlTrainingBackend(DjlRuntime.load(), p -> absent)) {
            outcome = backend.train(request, System.out::println);
        }
        assertTrue(outcome.warnings().stream().anyMatch(w -> w.contains("sudo apt-get install dataset-fashion-mnist")
                && w.contains("synthetic")), outcome.warnings().toString());
        String source = outcome.details().get("data_source").toString();
        assertTrue(source.startsWith("synthetic (dataset not installed"), source);
        double accuracy = assertInstanceOf(Metric.Value.class, outcome.metrics().get("test_accuracy")).value();
        assertTrue(accuracy > 0.5, "the synthetic task is learnable (chance is 0.1): " + accuracy);
        assertInstanceOf(Metric.Distribution.class, outcome.metrics().get("step_time"));
        assertFalse(Files.exists(dir.resolve("export/model.json")), "a synthetic model is not exported");
        assertTrue(outcome.warnings().stream().anyMatch(w -> w.startsWith("export_dir ignored")));
    }

    @Test
    void explicitDataFolderWithoutFilesIsBadInput() throws Exception {
        TrainingRequest request = new TrainingRequest("mlp-fashion", Precision.FP32, 32, 0, 1, 0, 1, dir,
                Map.of("ttq_runs", "0"));
        try (var backend = new DjlTrainingProvider().create()) {
            AssayException e = assertThrows(AssayException.class, () -> backend.train(request, s -> { }));
            assertEquals(AssayException.Kind.BAD_INPUT, e.kind());
            assertTrue(e.getMessage().contains("missing train-images-idx3-ubyte[.gz]"), e.getMessage());
        }
    }

    @Test
    void syntheticTaskIsDeterministicAndBalanced() {
        var a = SyntheticData.classification(500, 9);
        var b = SyntheticData.classification(500, 9);
        assertEquals(a.labels()[123], b.labels()[123]);
        assertEquals(a.images()[7][300], b.images()[7][300]);
        int[] counts = new int[10];
        for (int y : a.labels()) {
            counts[y]++;
        }
        for (int c : counts) {
            assertTrue(c > 20 && c < 80, "roughly 50 per class: " + c);
        }
    }
}
