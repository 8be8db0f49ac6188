package dev.assay.core.telemetry;

/** What a sampler's readings cover. Energy numbers are meaningless without it. */
public enum Boundary {
    /** CPU package(s): cores, caches and uncore of each socket (RAPL package domains); not DRAM, not the board. */
    CPU_PACKAGE("CPU package"),
    /** CPU cores only (per-core clocks). */
    CPU_CORES("CPU cores"),
    /** One or more GPU boards as the driver reports them (NVML: the whole board, memory included). */
    GPU_BOARD("GPU board"),
    /** Operating-system accounting for the whole host (/proc/stat). */
    HOST_OS("host (OS accounting)"),
    /** Sensors somewhere in the node (hwmon: board, CPU, NVMe, NIC...). */
    NODE("node sensors");

    private final String label;

    Boundary(String label) {
        this.label = label;
    }

    /** Human-readable name used in JSON and reports. */
    public String label() {
        return label;
    }
}
