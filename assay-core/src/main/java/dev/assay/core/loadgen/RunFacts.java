package dev.assay.core.loadgen;

import java.nio.file.Path;

/** Raw facts of one run, gathered by the issuing code and read by {@link ResultBuilder}. */
final class RunFacts {
    long t0;
    long measureStart;
    long issueEnded;
    long issued;
    long measuredIssued;
    long idLimit;
    long lastScheduled = Long.MIN_VALUE;
    /** Scheduled time of the first query not issued because the run ended, or MIN_VALUE. */
    long stopScheduled = Long.MIN_VALUE;
    volatile String endReason;
    volatile boolean interrupted;
    volatile boolean failFast;
    long outstandingAfterDrain;
    long slotWaits;
    long protocolErrors;
    String firstProtocolError;
    String firstFailure;
    long lateCompletions;
    boolean sutSynchronous;
    int issueThreads;
    int capacity;
    long schedulePrefilled = -1;
    long scheduleConsumed = -1;
    long scheduleRefillWaits;
    double offlineWarmupRate = Double.NaN;
    long offlineWarmupQueries;
    int offlineWaves;
    Path hlogPath;
    String hlogProblem;
    String flushProblem;
}
