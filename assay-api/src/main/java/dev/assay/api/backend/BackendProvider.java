package dev.assay.api.backend;

import dev.assay.api.AssayException;

/**
 * ServiceLoader entry point of a backend. Implementations must be cheap to construct and
 * must not load native libraries before {@link #create()}.
 */
public interface BackendProvider {
    /** Stable id used on the CLI ({@code --backend NAME}) and in run.json. */
    String name();

    /** Higher rank wins when several backends could run the same workload by default. */
    int rank();

    /** One-line description for {@code assay list}. */
    String description();

    /** Whether the backend can run here; probing may load natives but must not crash. */
    Availability availability();

    /** Workloads this backend ships with. */
    java.util.List<WorkloadDescriptor> builtInWorkloads();

    /** Creates the backend (loads natives); the caller closes it. */
    Backend create() throws AssayException;
}
