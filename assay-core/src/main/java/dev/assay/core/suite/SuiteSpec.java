package dev.assay.core.suite;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * A suite file as written by the user (see docs/suites.md).
 *
 * @param name        suite name (file name when absent)
 * @param description one line shown in {@code assay list}
 * @param defaults    settings every entry inherits
 * @param runs        the entries; each expands to a grid
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record SuiteSpec(String name, String description, RunDefaults defaults, List<RunSpec> runs) {
    public SuiteSpec {
        defaults = defaults == null ? RunDefaults.EMPTY : defaults;
        runs = runs == null ? List.of() : List.copyOf(runs);
    }
}
