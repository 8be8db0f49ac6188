package dev.assay.api.spec;

import java.util.Map;

/**
 * One GPU as reported by NVML or nvidia-smi.
 *
 * @param index            device index
 * @param name             product name
 * @param uuid             device UUID
 * @param driverVersion    driver version
 * @param cudaVersion      CUDA driver API version
 * @param computeCapability e.g. "9.0"
 * @param memoryMiB        total memory
 * @param powerLimitW      enforced power limit, or null when not reported
 * @param clocks           current and maximum SM and memory clocks (MHz), by name
 * @param ecc              ECC mode as reported
 * @param mig              MIG mode as reported
 * @param source           where it came from ("nvml", "nvidia-smi")
 */
public record GpuSpec(int index, String name, String uuid, String driverVersion, String cudaVersion,
                      String computeCapability, long memoryMiB, Double powerLimitW, Map<String, Integer> clocks,
                      String ecc, String mig, String source) {
    public GpuSpec {
        clocks = Map.copyOf(clocks);
    }
}
