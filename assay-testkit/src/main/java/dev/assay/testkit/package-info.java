/**
 * Test and calibration kit: a fake clock, synthetic systems under test with known service-time
 * laws (also offered to users as the {@code synthetic} backend), and the conformance test every
 * backend must pass ({@link dev.assay.testkit.BackendConformanceTest}).
 */
package dev.assay.testkit;
