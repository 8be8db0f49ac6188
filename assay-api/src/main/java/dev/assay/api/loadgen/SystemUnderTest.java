package dev.assay.api.loadgen;

/**
 * The thing being measured. {@link #issue} must not block longer than it takes to hand
 * the query over (or, for a synchronous in-process backend, to run it); completion is
 * reported through the sink, possibly on another thread. The SUT may live in-process, in
 * a worker subprocess or behind a remote endpoint: the generator does not care which.
 */
public interface SystemUnderTest extends AutoCloseable {
    /** Human-readable name, used in logs and disclosure. */
    String name();

    /** Issues one query; completion goes to {@code sink}. */
    void issue(Query query, ResponseSink sink);

    /** Hint that no more queries will follow soon (offline end, drain); may be ignored. */
    default void flush() {
    }

    /**
     * Whether {@link #issue} runs the work on the calling thread before returning. The
     * generator then issues from a pool of threads in open-loop scenarios so a slow query
     * cannot delay the next scheduled one on the same thread unnoticed.
     */
    default boolean synchronous() {
        return true;
    }

    @Override
    default void close() {
    }
}
