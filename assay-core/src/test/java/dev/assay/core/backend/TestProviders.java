package dev.assay.core.backend;

import dev.assay.api.AssayException;
import dev.assay.api.backend.Availability;
import dev.assay.api.backend.Backend;
import dev.assay.api.backend.BackendProvider;
import dev.assay.api.backend.PreparedWorkload;
import dev.assay.api.backend.WorkloadDescriptor;
import dev.assay.api.backend.WorkloadRequest;
import dev.assay.api.spec.BackendSpec;
import dev.assay.api.training.TrainingBackend;
import dev.assay.api.training.TrainingBackendProvider;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Providers registered for assay-core's tests only (src/test/resources/META-INF/services):
 * they exercise discovery's failure handling (unavailable, native link failure at create,
 * a working one), which no real backend does on demand.
 */
public final class TestProviders {
    private TestProviders() {
    }

    /** Counts closes, so the test sees every created backend closed again. */
    static final AtomicInteger CLOSED = new AtomicInteger();

    static final BackendSpec SPEC = new BackendSpec("test-ok", "TestRuntime", "1.0", List.of("cpu"), "cpu",
            Map.of("intraOp", 1), Map.of());

    /** Available; creates a backend that only discloses itself. */
    public static final class Working implements BackendProvider {
        public String name() { return "test-ok"; }
        public int rank() { return 1; }
        public String description() { return "discloses a fixed spec"; }
        public Availability availability() { return new Availability.Available("always"); }
        public List<WorkloadDescriptor> builtInWorkloads() { return List.of(); }
        public Backend create() {
            return new Backend() {
                public BackendSpec spec() { return SPEC; }
                public PreparedWorkload prepare(WorkloadRequest r) throws AssayException {
                    throw AssayException.unsupported("test backend prepares nothing");
                }
                public void close() { CLOSED.incrementAndGet(); }
            };
        }
    }

    /** Says it cannot run here. */
    public static final class Unavailable implements BackendProvider {
        public String name() { return "test-unavailable"; }
        public int rank() { return 5; }
        public String description() { return "never available"; }
        public Availability availability() { return new Availability.Unavailable("needs hardware this machine lacks"); }
        public List<WorkloadDescriptor> builtInWorkloads() { return List.of(); }
        public Backend create() { throw new AssertionError("create() must not be called on an unavailable provider"); }
    }

    /** Claims availability, then fails to link its native library. */
    public static final class BrokenNative implements TrainingBackendProvider {
        public String name() { return "test-broken"; }
        public String description() { return "native link fails"; }
        public Availability availability() { return new Availability.Available("claims so"); }
        public List<WorkloadDescriptor> builtInWorkloads() { return List.of(); }
        public TrainingBackend create() { throw new UnsatisfiedLinkError("libtest.so: cannot open shared object file"); }
    }
}
