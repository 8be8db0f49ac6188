package dev.assay.api.backend;

import dev.assay.api.AssayException;
import dev.assay.api.spec.BackendSpec;

/** A created backend: discloses itself and prepares workloads into runnable systems under test. */
public interface Backend extends AutoCloseable {
    /** Runtime name, version, providers, threads, options: part of the executor specification. */
    BackendSpec spec();

    /**
     * Prepares a workload (builds or loads the model, creates the session, generates inputs).
     * Throws {@link AssayException.Kind#BAD_INPUT} for a missing or malformed model and
     * {@link AssayException.Kind#UNSUPPORTED} when the runtime refuses the precision.
     */
    PreparedWorkload prepare(WorkloadRequest request) throws AssayException;

    @Override
    void close();
}
