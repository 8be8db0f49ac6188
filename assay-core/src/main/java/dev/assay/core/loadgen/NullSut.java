package dev.assay.core.loadgen;

import dev.assay.api.loadgen.Query;
import dev.assay.api.loadgen.ResponseSink;
import dev.assay.api.loadgen.SystemUnderTest;

/**
 * A system under test that does nothing: it completes every query inside {@code issue}. Runs
 * against it measure the load generator itself (the self-test). It declares itself
 * asynchronous because it never blocks: there is no work to move off the issuing thread, and a
 * hand-off to an issue pool would measure the pool instead of the generator.
 */
public final class NullSut implements SystemUnderTest {
    @Override
    public String name() {
        return "null";
    }

    @Override
    public void issue(Query query, ResponseSink sink) {
        sink.complete(query.id());
    }

    @Override
    public boolean synchronous() {
        return false;
    }
}
