package dev.assay.api.roofline;

/**
 * How long a ceiling or bandwidth measurement may take. {@link #QUICK} is what {@code assay run}
 * uses at the start of a run (a few seconds for everything together: smaller problems, fewer
 * repetitions); {@link #FULL} is {@code assay roofline} (large problems, best of several).
 */
public enum Effort {
    /** A few seconds in total across all probes; smaller problems, fewer repetitions. */
    QUICK,
    /** The reference measurement: large problems, more repetitions, all thread counts. */
    FULL
}
