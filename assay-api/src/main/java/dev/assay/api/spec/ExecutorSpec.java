package dev.assay.api.spec;

import java.util.List;
import java.util.Map;

/**
 * The full executor specification of a run.
 *
 * @param host              host hardware, OS and JVM
 * @param gpus              GPUs found (empty list when none)
 * @param gpuStatus         "none found (...)" or how GPUs were read
 * @param backends          each available backend as configured
 * @param environment       environment variables that steer native libraries (OMP_*, OPENBLAS_*, ...)
 * @param fingerprint       hash of the canonical JSON of the fields listed in {@code fingerprintFields}
 * @param fingerprintFields the JSON paths the fingerprint covers
 */
public record ExecutorSpec(HostSpec host, List<GpuSpec> gpus, String gpuStatus, List<BackendSpec> backends,
                           Map<String, String> environment, String fingerprint, List<String> fingerprintFields) {
    public ExecutorSpec {
        gpus = List.copyOf(gpus);
        backends = List.copyOf(backends);
        environment = Map.copyOf(environment);
        fingerprintFields = List.copyOf(fingerprintFields);
    }
}
