package dev.assay.core.bundle;

import dev.assay.api.result.Result;
import dev.assay.api.spec.ExecutorSpec;
import java.util.List;
import java.util.Map;

/**
 * Everything run.json holds. Field order here is the order in the file.
 *
 * @param schemaVersion     version of this layout; bumped on incompatible changes
 * @param assayVersion      tool version that wrote it
 * @param suite             suite name
 * @param status            {@code running}, {@code complete}, {@code interrupted} or {@code failed}
 * @param statusDetail      why it is not complete, or null
 * @param startedAt         UTC ISO-8601
 * @param finishedAt        UTC ISO-8601, or null while running
 * @param command           the command line that produced it
 * @param executor          executor specification and fingerprint
 * @param requested         settings as the user gave them (CLI and suite file)
 * @param effective         settings after defaults were applied
 * @param generator         the load generator's short self-test before the run
 * @param roofline          measured ceilings used for roofline context, or a "not measured" reason
 * @param results           one entry per measured configuration
 * @param warnings          run-level warnings
 */
public record RunBundle(int schemaVersion, String assayVersion, String suite, String status, String statusDetail,
                        String startedAt, String finishedAt, List<String> command, ExecutorSpec executor,
                        Map<String, Object> requested, Map<String, Object> effective, Map<String, Object> generator,
                        Map<String, Object> roofline, List<Result> results, List<String> warnings) {
    /** Current layout version. */
    public static final int SCHEMA_VERSION = 1;

    public RunBundle {
        results = List.copyOf(results);
        warnings = List.copyOf(warnings);
    }
}
