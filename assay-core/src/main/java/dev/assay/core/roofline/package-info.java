/**
 * Roofline: measured ceilings ({@link dev.assay.core.roofline.Roofline}, cached per executor
 * fingerprint), the ISA's theoretical peak beside them ({@link dev.assay.core.roofline.IsaPeak}),
 * and the placement of a workload on the roofline ({@link dev.assay.core.roofline.RooflineContext}).
 */
package dev.assay.core.roofline;
