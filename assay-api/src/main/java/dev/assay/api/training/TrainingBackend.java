package dev.assay.api.training;

import dev.assay.api.AssayException;
import dev.assay.api.spec.BackendSpec;

/** A created training backend. */
public interface TrainingBackend extends AutoCloseable {
    /** Framework, version, BLAS/oneDNN, threads: part of the executor specification. */
    BackendSpec spec();

    /** Trains and measures; progress lines go to {@code progress}. */
    TrainingOutcome train(TrainingRequest request, java.util.function.Consumer<String> progress)
            throws AssayException;

    @Override
    void close();
}
