package dev.assay.testkit;

import dev.assay.api.loadgen.Query;
import dev.assay.api.loadgen.ResponseSink;
import dev.assay.api.loadgen.SystemUnderTest;
import java.util.function.LongUnaryOperator;

/**
 * A system under test on a {@link FakeClock}: {@code issue} advances the clock by the query's
 * service time and completes it before returning. Because it holds the issuing thread, queries
 * scheduled meanwhile are issued late, which is how the fake-clock tests provoke issue lag and
 * coordinated omission deterministically.
 */
public final class FakeClockSut implements SystemUnderTest {
    private final FakeClock clock;
    private final LongUnaryOperator serviceNanosById;
    private final boolean synchronous;

    /**
     * @param clock            the clock to advance
     * @param serviceNanosById service time of each query, by query id
     * @param synchronous      what {@link #synchronous()} reports
     */
    public FakeClockSut(FakeClock clock, LongUnaryOperator serviceNanosById, boolean synchronous) {
        this.clock = clock;
        this.serviceNanosById = serviceNanosById;
        this.synchronous = synchronous;
    }

    @Override
    public String name() {
        return "fake-clock";
    }

    @Override
    public void issue(Query query, ResponseSink sink) {
        clock.advance(serviceNanosById.applyAsLong(query.id()));
        sink.complete(query.id());
    }

    @Override
    public boolean synchronous() {
        return synchronous;
    }
}
