/** The {@code assay} command line (picocli): probe, list, run, selftest, roofline, report, compare. */
package dev.assay.cli;
