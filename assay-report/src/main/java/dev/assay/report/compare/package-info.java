/**
 * {@code assay compare}: pairs results of several runs by what was measured, refuses (flags)
 * pairs that are not comparable with the reason, lists executor differences, shows deltas with
 * confidence intervals where the data supports one, ranks executors separately for training
 * and inference, and gates on significant regressions.
 */
package dev.assay.report.compare;
