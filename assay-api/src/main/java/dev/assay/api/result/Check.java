package dev.assay.api.result;

/**
 * One validity rule applied to a run.
 *
 * @param name           e.g. {@code min_duration}, {@code early_stopping}, {@code issue_lag}
 * @param passed         whether the rule held
 * @param detail         what was observed against what was required
 * @param recommendation what to do when it failed (e.g. "run at least 420 more queries"), or null
 */
public record Check(String name, boolean passed, String detail, String recommendation) {
}
