/**
 * Statistics the verdicts rest on: MLPerf's binomial early-stopping rule and the special
 * functions it needs ({@link dev.assay.core.stats.EarlyStopping}, {@link dev.assay.core.stats.Beta});
 * sustained-versus-peak statistics: confidence intervals over repeats
 * ({@link dev.assay.core.stats.Repeats}, Student t), steady-state and warm-up detection on
 * throughput windows ({@link dev.assay.core.stats.SteadyState}) and the distributions behind
 * them ({@link dev.assay.core.stats.StudentT}).
 */
package dev.assay.core.stats;
