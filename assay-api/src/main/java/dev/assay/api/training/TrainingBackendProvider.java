package dev.assay.api.training;

import dev.assay.api.AssayException;
import dev.assay.api.backend.Availability;
import dev.assay.api.backend.WorkloadDescriptor;
import java.util.List;

/** ServiceLoader entry point of a training backend; cheap to construct, natives loaded in {@link #create()}. */
public interface TrainingBackendProvider {
    String name();

    String description();

    Availability availability();

    List<WorkloadDescriptor> builtInWorkloads();

    TrainingBackend create() throws AssayException;
}
