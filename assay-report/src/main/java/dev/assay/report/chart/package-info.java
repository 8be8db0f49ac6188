/**
 * A small inline-SVG chart renderer (line and scatter, linear, log and "nines" axes, legend,
 * reference rules and callouts) so reports need no script library and no network.
 */
package dev.assay.report.chart;
