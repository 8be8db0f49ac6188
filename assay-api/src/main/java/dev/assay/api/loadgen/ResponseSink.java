package dev.assay.api.loadgen;

/**
 * Where a system under test reports what happened to a query. Thread-safe; callable from
 * any thread. The generator stamps the time itself when a call arrives, so a SUT never
 * supplies timestamps it could get wrong.
 *
 * <p>Generative backends report token events (first token, each later token or chunk)
 * before the final {@link #complete(long)}, so TTFT and inter-token gaps can be measured
 * with the same clock; non-generative backends only call {@code complete} or {@code fail}.
 */
public interface ResponseSink {
    /** The query finished successfully. Exactly one of complete/fail per query. */
    void complete(long queryId);

    /** The query failed; it counts as an error, never as a fast completion. */
    void fail(long queryId, String reason);

    /**
     * A generative backend received {@code tokens} output tokens (one chunk) for the query.
     * The default ignores them so non-generative sinks need not care.
     */
    default void tokens(long queryId, int tokens) {
    }
}
