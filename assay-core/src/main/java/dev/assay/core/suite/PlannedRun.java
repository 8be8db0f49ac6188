package dev.assay.core.suite;

import dev.assay.api.backend.WorkloadRequest;
import dev.assay.api.training.TrainingRequest;
import dev.assay.core.loadgen.TestSettings;

/** One configuration of the resolved plan, ready to execute. */
public sealed interface PlannedRun {
    /** Backend id. */
    String backend();

    /** Short label for progress lines and file names. */
    String label();

    /**
     * An inference measurement.
     *
     * @param backend  backend id
     * @param request  what to prepare
     * @param settings load-generator settings (scenario included)
     * @param findPeak run the saturation search with {@code settings} as the base
     * @param repeats  measured repeats of this configuration
     */
    record Inference(String backend, WorkloadRequest request, TestSettings settings, boolean findPeak, int repeats)
            implements PlannedRun {
        public Inference {
            if (repeats < 1) {
                throw new IllegalArgumentException("repeats must be >= 1, was " + repeats);
            }
        }

        @Override
        public String label() {
            String seq = request.seqLen() > 0 ? " seq " + request.seqLen() : "";
            return request.workload() + " " + request.precision().id() + " b" + request.batch() + seq + " "
                    + (findPeak ? "find-peak" : settings.scenario().id());
        }
    }

    /** A training measurement. */
    record Training(String backend, TrainingRequest request) implements PlannedRun {
        @Override
        public String label() {
            return request.workload() + " " + request.precision().id() + " b" + request.batch() + " training";
        }
    }
}
