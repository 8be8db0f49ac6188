package dev.assay.testkit;

import dev.assay.api.Phase;
import dev.assay.api.backend.Availability;
import dev.assay.api.backend.Backend;
import dev.assay.api.backend.BackendProvider;
import dev.assay.api.backend.WorkloadDescriptor;
import java.util.List;

/**
 * The {@code synthetic} backend: a queue with a known service-time law, for calibrating the
 * load generator ({@code --backend synthetic --service exp:2ms --servers 1}). Pure Java, always
 * available, lowest rank so it is never chosen by default.
 */
public final class SyntheticBackendProvider implements BackendProvider {
    /** Backend id. */
    public static final String NAME = "synthetic";
    /** Its one workload. */
    public static final String WORKLOAD = "synthetic";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int rank() {
        return -100;
    }

    @Override
    public String description() {
        return "synthetic queue with a known service-time law (options: service=exp:1ms|det:500us|null, servers=N) "
                + "for calibrating the load generator";
    }

    @Override
    public Availability availability() {
        return new Availability.Available("pure Java, no native code");
    }

    @Override
    public List<WorkloadDescriptor> builtInWorkloads() {
        return List.of(new WorkloadDescriptor(WORKLOAD, Phase.INFERENCE,
                "k-server FIFO queue with a chosen service-time law; no model, no numerics", List.of("fp32")));
    }

    @Override
    public Backend create() {
        return new SyntheticBackend();
    }
}
