package dev.assay.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import dev.assay.api.AssayException;
import dev.assay.api.Precision;
import dev.assay.api.training.TrainingBackend;
import dev.assay.api.training.TrainingOutcome;
import dev.assay.api.training.TrainingRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Low-precision support is probed in a child JVM. Whatever the verdict, this JVM survives
 * (DJL 0.35 aborts the process that creates a BFLOAT16 array on CPU), and the backend turns
 * a negative verdict into "unsupported by this backend: ..." instead of crashing.
 */
class PrecisionProbeTest {
    @Test
    void bf16ProbeReturnsAVerdictAndThisJvmSurvives() throws Exception {
        PrecisionProbe.Verdict v = PrecisionProbe.probe(DataType.BFLOAT16);
        System.out.println("bf16 probe: " + v);
        assertEquals(DataType.BFLOAT16, v.type());
        assertFalse(v.detail().isBlank());
        assertSame(v, PrecisionProbe.probe(DataType.BFLOAT16), "verdict cached for the run");
        assertTrue(Runtime.getRuntime().availableProcessors() > 0, "still running");
        TrainingRequest request = new TrainingRequest("mlp-fashion", Precision.BF16, 32, 0, 2, 0, 1, null,
                Map.of("ttq_runs", "0", "synthetic", "true"));
        try (TrainingBackend backend = new DjlTrainingProvider().create()) {
            if (v.supported()) {
                TrainingOutcome outcome = backend.train(request, s -> { });
                assertTrue(outcome.details().get("precision_recipe").toString().startsWith("mixed bf16"));
            } else {
                AssayException e = assertThrows(AssayException.class, () -> backend.train(request, s -> { }));
                assertEquals(AssayException.Kind.UNSUPPORTED, e.kind());
                assertTrue(e.getMessage().startsWith("unsupported by this backend: bf16"), e.getMessage());
            }
        }
    }

    @Test
    void fp16RecipeTrainsWhenTheProbePasses() throws Exception {
        PrecisionProbe.Verdict v = PrecisionProbe.probe(DataType.FLOAT16);
        System.out.println("fp16 probe: " + v);
        TrainingRequest request = new TrainingRequest("mlp-fashion", Precision.FP16, 64, 0, 30, 2, 1, null,
                Map.of("ttq_runs", "0", "synthetic", "true"));
        // (the throughput-phase loss curve shows whether the recipe learns)
        try (TrainingBackend backend = new DjlTrainingProvider().create()) {
            if (!v.supported()) {
                AssayException e = assertThrows(AssayException.class, () -> backend.train(request, s -> { }));
                assertEquals(AssayException.Kind.UNSUPPORTED, e.kind());
                return;
            }
            TrainingOutcome outcome = backend.train(request, System.out::println);
            assertTrue(outcome.details().get("precision_recipe").toString().startsWith("mixed fp16 (master-weight recipe)"));
            var curve = (java.util.List<?>) outcome.details().get("throughput_phase_loss");
            double first = (Double) ((Map<?, ?>) curve.getFirst()).get("loss");
            double last = (Double) ((Map<?, ?>) curve.getLast()).get("loss");
            assertTrue(Double.isFinite(last) && last < first, "fp16 recipe learns: " + first + " -> " + last);
        }
    }

    @Test
    void precisionsWithoutARecipeAreUnsupported() {
        AssayException e = assertThrows(AssayException.class, () -> DjlTrainingBackend.recipe(Precision.INT8));
        assertEquals(AssayException.Kind.UNSUPPORTED, e.kind());
        assertTrue(e.getMessage().startsWith("unsupported by this backend: no int8 training recipe"));
    }
}
