package dev.assay.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.api.AssayException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingOptionsTest {
    @Test
    void defaultsDependOnTheWorkload() throws AssayException {
        TrainingOptions mlp = TrainingOptions.parse(Map.of(), WorkloadKind.MLP_FASHION);
        assertEquals(0.85, mlp.targetAccuracy());
        assertEquals(3, mlp.ttqRuns());
        assertEquals("adam", mlp.optimizer());
        assertEquals(1e-3f, mlp.learningRate());
        assertTrue(mlp.peakGflops().isEmpty());
        assertEquals(0.88, TrainingOptions.parse(Map.of(), WorkloadKind.CNN_FASHION).targetAccuracy());
    }

    @Test
    void badValuesNameKeyValueAndRange() {
        AssayException range = assertThrows(AssayException.class,
                () -> TrainingOptions.parse(Map.of("target_accuracy", "1.5"), WorkloadKind.MLP_FASHION));
        assertEquals("option target_accuracy=1.5 is out of range [0.01, 1.0]", range.getMessage());
        AssayException notInt = assertThrows(AssayException.class,
                () -> TrainingOptions.parse(Map.of("ttq_runs", "three"), WorkloadKind.MLP_FASHION));
        assertEquals("option ttq_runs='three' is not an integer", notInt.getMessage());
        AssayException heads = assertThrows(AssayException.class,
                () -> TrainingOptions.parse(Map.of("d_model", "100", "heads", "3"), WorkloadKind.LM_TINY));
        assertTrue(heads.getMessage().contains("multiple of heads=3"));
        assertThrows(AssayException.class,
                () -> TrainingOptions.parse(Map.of("optimizer", "lion"), WorkloadKind.MLP_FASHION));
    }

    @Test
    void unknownKeysBecomeAWarning() throws AssayException {
        TrainingOptions o = TrainingOptions.parse(Map.of("peak_gflops", "250", "colour", "blue"),
                WorkloadKind.LM_TINY);
        assertEquals(250, o.peakGflops().getAsDouble());
        assertEquals(java.util.List.of("options not used by the djl backend: colour"), o.warnings());
    }
}
