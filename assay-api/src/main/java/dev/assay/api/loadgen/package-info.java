/**
 * The load-generator contract, split as in MLPerf LoadGen: the generator schedules and
 * times queries, the {@link dev.assay.api.loadgen.SystemUnderTest} executes them and
 * reports completion through a {@link dev.assay.api.loadgen.ResponseSink} on any thread,
 * and the {@link dev.assay.api.loadgen.QuerySampleLibrary} loads data outside the timed
 * region. Scenarios and arrival patterns are sealed types compiled into a schedule before
 * the run.
 */
package dev.assay.api.loadgen;
