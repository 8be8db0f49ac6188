package dev.assay.djl;

import dev.assay.api.AssayException;
import dev.assay.api.backend.Availability;
import dev.assay.api.backend.WorkloadDescriptor;
import dev.assay.api.training.TrainingBackend;
import dev.assay.api.training.TrainingBackendProvider;
import java.util.Arrays;
import java.util.List;

/**
 * ServiceLoader entry point of the DJL/PyTorch training backend ({@code djl}). Constructing
 * it is free; {@link #availability()} and {@link #create()} load the PyTorch natives (once
 * per JVM) and turn a loading failure into a reason instead of a crash.
 */
public final class DjlTrainingProvider implements TrainingBackendProvider {
    /** Backend id on the CLI and in run.json. */
    public static final String NAME = "djl";

    /** Public no-argument constructor for ServiceLoader. */
    public DjlTrainingProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "DJL + PyTorch (CPU natives from Maven Central, offline) training: MLP and CNN on Fashion-MNIST, "
                + "tiny decoder-only transformer LM";
    }

    @Override
    public Availability availability() {
        try {
            DjlRuntime.EngineInfo info = DjlRuntime.load();
            return new Availability.Available(info.framework() + " on CPU (libtorch features: "
                    + String.join(", ", info.features()) + ")");
        } catch (AssayException e) {
            return new Availability.Unavailable(e.getMessage());
        }
    }

    @Override
    public List<WorkloadDescriptor> builtInWorkloads() {
        return Arrays.stream(WorkloadKind.values()).map(WorkloadKind::descriptor).toList();
    }

    @Override
    public TrainingBackend create() throws AssayException {
        return new DjlTrainingBackend(DjlRuntime.load());
    }
}
