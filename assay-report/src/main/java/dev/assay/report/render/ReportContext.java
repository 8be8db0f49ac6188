package dev.assay.report.render;

/**
 * What a report says about its own making; fixed in golden-file tests.
 *
 * @param toolVersion version of the assay that renders the report
 * @param generatedAt UTC ISO-8601 time of rendering
 */
public record ReportContext(String toolVersion, String generatedAt) {
    public ReportContext {
        if (toolVersion == null || toolVersion.isBlank()) {
            throw new IllegalArgumentException("toolVersion must be non-blank");
        }
        if (generatedAt == null || generatedAt.isBlank()) {
            throw new IllegalArgumentException("generatedAt must be non-blank");
        }
    }
}
