/**
 * Statistics the verdicts rest on: MLPerf's binomial early-stopping rule and the special
 * functions it needs, written out so their results can be tested against the published
 * minimum query counts.
 */
package dev.assay.core.stats;
