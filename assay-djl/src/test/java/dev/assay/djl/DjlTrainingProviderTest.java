package dev.assay.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.api.AssayException;
import dev.assay.api.Phase;
import dev.assay.api.Precision;
import dev.assay.api.backend.Availability;
import dev.assay.api.backend.WorkloadDescriptor;
import dev.assay.api.spec.BackendSpec;
import dev.assay.api.training.TrainingBackend;
import dev.assay.api.training.TrainingBackendProvider;
import dev.assay.api.training.TrainingRequest;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class DjlTrainingProviderTest {
    @Test
    void isFoundByServiceLoaderAndReportsTheEngine() throws Exception {
        TrainingBackendProvider provider = ServiceLoader.load(TrainingBackendProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.name().equals("djl")).findFirst().orElseThrow();
        Availability a = provider.availability();
        Availability.Available ok = assertInstanceOf(Availability.Available.class, a, a.toString());
        assertTrue(ok.detail().startsWith("DJL 0.35.1 / PyTorch 2.7.1"), ok.detail());
        assertEquals(java.util.List.of("mlp-fashion", "cnn-fashion", "lm-tiny"),
                provider.builtInWorkloads().stream().map(WorkloadDescriptor::name).toList());
        assertTrue(provider.builtInWorkloads().stream().allMatch(w -> w.phase() == Phase.TRAINING));
        try (TrainingBackend backend = provider.create()) {
            BackendSpec spec = backend.spec();
            assertEquals("djl", spec.backend());
            assertEquals("DJL 0.35.1 / PyTorch 2.7.1", spec.version());
            assertTrue(spec.threads().get("intra_op") >= 1);
            assertTrue(spec.threads().get("inter_op") >= 1);
            assertTrue(spec.options().get("natives").startsWith("pytorch-native-cpu jar on the classpath"),
                    spec.options().get("natives"));
            assertEquals("true", spec.options().get("offline"));
            assertTrue(spec.options().containsKey("blas"));
            assertTrue(spec.options().containsKey("onednn"));
        }
    }

    @Test
    void badRequestsAreBadInput() throws Exception {
        try (TrainingBackend backend = new DjlTrainingProvider().create()) {
            AssayException unknown = assertThrows(AssayException.class, () -> backend.train(
                    new TrainingRequest("resnet", Precision.FP32, 8, 0, 1, 0, 1, null, Map.of()), s -> { }));
            assertEquals(AssayException.Kind.BAD_INPUT, unknown.kind());
            assertTrue(unknown.getMessage().contains("mlp-fashion, cnn-fashion, lm-tiny"));
            AssayException accum = assertThrows(AssayException.class, () -> backend.train(
                    new TrainingRequest("mlp-fashion", Precision.FP32, 10, 0, 1, 0, 1, null,
                            Map.of("grad_accum", "3")), s -> { }));
            assertEquals(AssayException.Kind.BAD_INPUT, accum.kind());
            assertTrue(accum.getMessage().contains("not divisible by grad_accum 3"), accum.getMessage());
        }
    }
}
