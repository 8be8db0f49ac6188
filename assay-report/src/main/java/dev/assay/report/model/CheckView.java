package dev.assay.report.model;

/**
 * One validity check as found in run.json.
 *
 * @param name           rule name
 * @param passed         whether it held
 * @param detail         observed vs required, may be empty
 * @param recommendation what to do about a failure, may be empty
 */
public record CheckView(String name, boolean passed, String detail, String recommendation) {
}
