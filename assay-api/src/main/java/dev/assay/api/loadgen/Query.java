package dev.assay.api.loadgen;

/**
 * One query issued to a system under test.
 *
 * @param id            unique within a run; the sink is told completions by this id
 * @param sampleIndices indices into the {@link QuerySampleLibrary}; more than one in multi-stream
 */
public record Query(long id, int[] sampleIndices) {
    public Query {
        if (id < 0) {
            throw new IllegalArgumentException("query id must be >= 0, was " + id);
        }
        if (sampleIndices == null || sampleIndices.length == 0) {
            throw new IllegalArgumentException("a query needs at least one sample index");
        }
    }
}
