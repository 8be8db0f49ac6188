package dev.assay.core.telemetry;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Minimal binding to NVML ({@code libnvidia-ml.so.1}) through the Foreign Function and Memory
 * API: init/shutdown, device handles, power, total energy, clocks, temperature and clock-event
 * reasons. Nothing is loaded until {@link #open(String)}; a missing library, a missing symbol or
 * a failing {@code nvmlInit_v2} becomes an {@link Unavailable} with the reason. Getters return
 * -1 when the device does not support the query, so one unsupported field never hides the rest.
 */
public final class Nvml implements AutoCloseable {
    /** The library name the driver installs. */
    public static final String DEFAULT_LIBRARY = "libnvidia-ml.so.1";

    static final int SUCCESS = 0;
    static final int CLOCK_GRAPHICS = 0;
    static final int CLOCK_SM = 1;
    static final int CLOCK_MEM = 2;
    static final int TEMPERATURE_GPU = 0;
    private static final ValueLayout.OfInt UINT = ValueLayout.JAVA_INT;
    private static final ValueLayout.OfLong ULONGLONG = ValueLayout.JAVA_LONG;
    private static final ValueLayout ADDRESS = ValueLayout.ADDRESS;

    /** Why NVML cannot be used. */
    public static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable(String reason) {
            super(reason);
        }
    }

    private final Arena arena;
    private final String library;
    private final MethodHandle shutdown;
    private final MethodHandle errorString;
    private final MethodHandle getCount;
    private final MethodHandle getHandle;
    private final MethodHandle getName;
    private final MethodHandle getPower;
    private final MethodHandle getEnergy;
    private final MethodHandle getClock;
    private final MethodHandle getTemperature;
    private final MethodHandle getReasons;
    private boolean closed;

    private Nvml(Arena arena, String library, SymbolLookup lookup) throws Unavailable {
        this.arena = arena;
        this.library = library;
        Linker linker = Linker.nativeLinker();
        MethodHandle init = required(linker, lookup, "nvmlInit_v2", FunctionDescriptor.of(UINT));
        this.shutdown = required(linker, lookup, "nvmlShutdown", FunctionDescriptor.of(UINT));
        this.errorString = optional(linker, lookup, "nvmlErrorString", FunctionDescriptor.of(ADDRESS, UINT));
        this.getCount = required(linker, lookup, "nvmlDeviceGetCount_v2", FunctionDescriptor.of(UINT, ADDRESS));
        this.getHandle = required(linker, lookup, "nvmlDeviceGetHandleByIndex_v2",
                FunctionDescriptor.of(UINT, UINT, ADDRESS));
        this.getName = optional(linker, lookup, "nvmlDeviceGetName", FunctionDescriptor.of(UINT, ADDRESS, ADDRESS, UINT));
        this.getPower = optional(linker, lookup, "nvmlDeviceGetPowerUsage", FunctionDescriptor.of(UINT, ADDRESS, ADDRESS));
        this.getEnergy = optional(linker, lookup, "nvmlDeviceGetTotalEnergyConsumption",
                FunctionDescriptor.of(UINT, ADDRESS, ADDRESS));
        this.getClock = optional(linker, lookup, "nvmlDeviceGetClockInfo", FunctionDescriptor.of(UINT, ADDRESS, UINT, ADDRESS));
        this.getTemperature = optional(linker, lookup, "nvmlDeviceGetTemperature",
                FunctionDescriptor.of(UINT, ADDRESS, UINT, ADDRESS));
        // Renamed in driver 535 (CUDA 12.2); older drivers only have the "throttle" name.
        MethodHandle reasons = optional(linker, lookup, "nvmlDeviceGetCurrentClocksEventReasons",
                FunctionDescriptor.of(UINT, ADDRESS, ADDRESS));
        this.getReasons = reasons != null ? reasons : optional(linker, lookup, "nvmlDeviceGetCurrentClocksThrottleReasons",
                FunctionDescriptor.of(UINT, ADDRESS, ADDRESS));
        int rc;
        try {
            rc = (int) init.invokeExact();
        } catch (Throwable t) {
            throw new Unavailable("NVML: nvmlInit_v2 failed: " + t);
        }
        if (rc != SUCCESS) {
            throw new Unavailable("NVML: nvmlInit_v2 returned " + rc + " (" + error(rc) + ")");
        }
    }

    /**
     * Loads the library and initialises NVML.
     *
     * @param library a library name resolved by the dynamic linker (e.g. {@link #DEFAULT_LIBRARY}) or a path
     * @throws Unavailable with a one-line reason: library not found, symbol missing, init failed
     */
    public static Nvml open(String library) throws Unavailable {
        Arena arena = Arena.ofShared();
        SymbolLookup lookup;
        try {
            lookup = SymbolLookup.libraryLookup(library, arena);
        } catch (IllegalArgumentException | IllegalCallerException e) {
            arena.close();
            throw new Unavailable("NVML: " + library + " not found (no NVIDIA driver installed?): " + e.getMessage());
        }
        try {
            return new Nvml(arena, library, lookup);
        } catch (Unavailable | RuntimeException e) {
            arena.close();
            throw e instanceof Unavailable u ? u : new Unavailable("NVML: " + library + ": " + e);
        }
    }

    private MethodHandle required(Linker linker, SymbolLookup lookup, String symbol, FunctionDescriptor fd)
            throws Unavailable {
        Optional<MemorySegment> address = lookup.find(symbol);
        if (address.isEmpty()) {
            throw new Unavailable("NVML: symbol " + symbol + " missing in " + library + " (not NVML, or a driver too old)");
        }
        return linker.downcallHandle(address.get(), fd);
    }

    private static MethodHandle optional(Linker linker, SymbolLookup lookup, String symbol, FunctionDescriptor fd) {
        return lookup.find(symbol).map(a -> linker.downcallHandle(a, fd)).orElse(null);
    }

    /** NVML's own text for a return code, or the number when unavailable. */
    String error(int rc) {
        if (errorString == null) {
            return "NVML error " + rc;
        }
        try {
            MemorySegment p = (MemorySegment) errorString.invokeExact(rc);
            return p.equals(MemorySegment.NULL) ? "NVML error " + rc : p.reinterpret(256).getString(0);
        } catch (Throwable t) {
            return "NVML error " + rc;
        }
    }

    /** Number of GPUs NVML sees. */
    public int deviceCount() throws Unavailable {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(UINT);
            int rc = (int) getCount.invokeExact(out);
            if (rc != SUCCESS) {
                throw new Unavailable("NVML: nvmlDeviceGetCount_v2 returned " + rc + " (" + error(rc) + ")");
            }
            return out.get(UINT, 0);
        } catch (Unavailable u) {
            throw u;
        } catch (Throwable t) {
            throw new Unavailable("NVML: nvmlDeviceGetCount_v2 failed: " + t);
        }
    }

    /** Opaque device handle of GPU {@code index}. */
    public MemorySegment handle(int index) throws Unavailable {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            int rc = (int) getHandle.invokeExact(index, out);
            if (rc != SUCCESS) {
                throw new Unavailable("NVML: nvmlDeviceGetHandleByIndex_v2(" + index + ") returned " + rc + " ("
                        + error(rc) + ")");
            }
            return out.get(ValueLayout.ADDRESS, 0);
        } catch (Unavailable u) {
            throw u;
        } catch (Throwable t) {
            throw new Unavailable("NVML: nvmlDeviceGetHandleByIndex_v2 failed: " + t);
        }
    }

    /** Product name, or {@code GPU <index>} when the query fails. */
    public String name(MemorySegment device, int index) {
        if (getName == null) {
            return "GPU " + index;
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(96);
            int rc = (int) getName.invokeExact(device, buf, 96);
            return rc == SUCCESS ? buf.getString(0) : "GPU " + index;
        } catch (Throwable t) {
            return "GPU " + index;
        }
    }

    /** Board power in milliwatts (on recent GPUs a 1 s average, not instantaneous), or -1. */
    public long powerMilliwatts(MemorySegment device) {
        return uintQuery(getPower, device);
    }

    /** Energy since the driver was loaded in millijoules (Volta and later), or -1. */
    public long totalEnergyMillijoules(MemorySegment device) {
        if (getEnergy == null) {
            return -1;
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ULONGLONG);
            int rc = (int) getEnergy.invokeExact(device, out);
            return rc == SUCCESS ? out.get(ULONGLONG, 0) : -1;
        } catch (Throwable t) {
            return -1;
        }
    }

    /** Current clock in MHz of {@link #CLOCK_SM}, {@link #CLOCK_MEM} or {@link #CLOCK_GRAPHICS}, or -1. */
    public long clockMhz(MemorySegment device, int clockType) {
        return uintQuery2(getClock, device, clockType);
    }

    /** GPU die temperature in degrees Celsius, or -1. */
    public long temperatureC(MemorySegment device) {
        return uintQuery2(getTemperature, device, TEMPERATURE_GPU);
    }

    /** Clock-event reason bitmask (see {@link ClockEventReasons}), or -1. */
    public long clockEventReasons(MemorySegment device) {
        if (getReasons == null) {
            return -1;
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ULONGLONG);
            int rc = (int) getReasons.invokeExact(device, out);
            return rc == SUCCESS ? out.get(ULONGLONG, 0) : -1;
        } catch (Throwable t) {
            return -1;
        }
    }

    private static long uintQuery(MethodHandle h, MemorySegment device) {
        if (h == null) {
            return -1;
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(UINT);
            int rc = (int) h.invokeExact(device, out);
            return rc == SUCCESS ? Integer.toUnsignedLong(out.get(UINT, 0)) : -1;
        } catch (Throwable t) {
            return -1;
        }
    }

    private static long uintQuery2(MethodHandle h, MemorySegment device, int arg) {
        if (h == null) {
            return -1;
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(UINT);
            int rc = (int) h.invokeExact(device, arg, out);
            return rc == SUCCESS ? Integer.toUnsignedLong(out.get(UINT, 0)) : -1;
        } catch (Throwable t) {
            return -1;
        }
    }

    /** Handles of all GPUs. */
    public List<MemorySegment> handles() throws Unavailable {
        List<MemorySegment> out = new ArrayList<>();
        int n = deviceCount();
        for (int i = 0; i < n; i++) {
            out.add(handle(i));
        }
        return out;
    }

    /** Shuts NVML down and unloads the library. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            int ignored = (int) shutdown.invokeExact();
        } catch (Throwable t) {
            // shutting down is best effort; the arena is closed regardless
        }
        arena.close();
    }
}
