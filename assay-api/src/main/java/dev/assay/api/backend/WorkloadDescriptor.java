package dev.assay.api.backend;

import dev.assay.api.Phase;
import java.util.List;

/**
 * A built-in workload a backend offers.
 *
 * @param name         id used in suites and on the CLI (e.g. {@code mlp})
 * @param phase        inference or training
 * @param description  one line for {@code assay list}
 * @param precisions   precision ids it can be built at (whether they run is measured, not assumed)
 */
public record WorkloadDescriptor(String name, Phase phase, String description, List<String> precisions) {
    public WorkloadDescriptor {
        precisions = List.copyOf(precisions);
    }
}
