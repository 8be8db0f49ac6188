package dev.assay.api.backend;

import dev.assay.api.loadgen.QuerySampleLibrary;
import dev.assay.api.loadgen.SystemUnderTest;
import java.util.List;
import java.util.Map;

/**
 * A workload ready to run.
 *
 * @param sut          executes queries; one query sample = one inference call at the batch size
 * @param library      the inputs
 * @param itemsPerSample how many items (e.g. images, sequences) one sample carries: the batch size
 * @param disclosure   what the backend did to run it (effective session options, post-optimisation
 *                     operator list, model FLOPs and bytes, quantisation recipe...): goes into run.json
 * @param warnings     anything the user must know about this result
 */
public record PreparedWorkload(SystemUnderTest sut, QuerySampleLibrary library, int itemsPerSample,
                               Map<String, Object> disclosure, List<String> warnings) implements AutoCloseable {
    public PreparedWorkload {
        if (itemsPerSample < 1) {
            throw new IllegalArgumentException("items per sample must be >= 1, was " + itemsPerSample);
        }
        disclosure = Map.copyOf(disclosure);
        warnings = List.copyOf(warnings);
    }

    @Override
    public void close() {
        sut.close();
    }
}
