package dev.assay.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.api.backend.BackendProvider;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackendsTest {

    @Test
    void discoversProvidersHighestRankFirst() {
        Backends.Discovery d = Backends.discover();
        assertEquals(List.of("test-unavailable", "test-ok"), d.inference().stream().map(BackendProvider::name).toList());
        assertEquals(1, d.training().size());
        assertEquals(List.of(), d.loadErrors());
        assertTrue(Backends.find("test-ok").isPresent());
        assertTrue(Backends.find("nope").isEmpty());
        assertTrue(Backends.findTraining("test-broken").isPresent());
    }

    @Test
    void collectsSpecsAndListsEveryFailureWithItsReason() {
        int closedBefore = TestProviders.CLOSED.get();
        Backends.Specs s = Backends.collectSpecs();
        assertEquals(List.of(TestProviders.SPEC), s.available());
        assertEquals(closedBefore + 1, TestProviders.CLOSED.get(), "created backend closed again");
        assertEquals(2, s.skipped().size());
        assertEquals(new Backends.Skipped("test-unavailable", "inference", "needs hardware this machine lacks"),
                s.skipped().get(0));
        Backends.Skipped broken = s.skipped().get(1);
        assertEquals("test-broken", broken.name());
        assertEquals("training", broken.phase());
        assertTrue(broken.reason().startsWith("create failed: UnsatisfiedLinkError: libtest.so"), broken.reason());
    }
}
