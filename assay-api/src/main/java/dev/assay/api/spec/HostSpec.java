package dev.assay.api.spec;

import java.util.Map;

/**
 * The host around the accelerator.
 *
 * @param hostname        host name (not part of the fingerprint)
 * @param cpu             the CPU
 * @param memoryBytes     total physical memory
 * @param os              OS name and version (from os-release)
 * @param kernel          kernel release
 * @param virtualisation  hypervisor hint ("none detected", "kvm", ...)
 * @param jvm             JVM vendor, version, flags
 */
public record HostSpec(String hostname, CpuSpec cpu, long memoryBytes, String os, String kernel,
                       String virtualisation, Map<String, String> jvm) {
    public HostSpec {
        jvm = Map.copyOf(jvm);
    }
}
