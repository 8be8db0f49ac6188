package dev.assay.core.telemetry;

import dev.assay.api.backend.Availability;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * NVIDIA GPUs through NVML (FFM binding {@link Nvml}): total-energy counter (preferred; Volta and
 * later), board power, SM and memory clocks, temperature and clock-event reasons, for every GPU
 * NVML sees; energy and power are summed over GPUs (boundary: GPU boards). MIG slices share one
 * board's counter and cannot be attributed; the meter reports the whole board.
 */
public final class NvmlSampler implements TelemetrySampler {
    private final String library;

    public NvmlSampler() {
        this(Nvml.DEFAULT_LIBRARY);
    }

    /** Uses another library name or path (tests pass one that does not exist). */
    public NvmlSampler(String library) {
        this.library = library;
    }

    @Override
    public String name() {
        return "nvml";
    }

    @Override
    public Boundary boundary() {
        return Boundary.GPU_BOARD;
    }

    @Override
    public Tier tier() {
        return Tier.ENERGY_COUNTER;
    }

    @Override
    public Availability availability() {
        try (Session s = open()) {
            return new Availability.Available(s.source());
        } catch (IOException e) {
            return new Availability.Unavailable(e.getMessage());
        }
    }

    @Override
    public Session open() throws IOException {
        Nvml nvml;
        try {
            nvml = Nvml.open(library);
        } catch (Nvml.Unavailable e) {
            throw new IOException(e.getMessage());
        }
        try {
            List<MemorySegment> gpus = nvml.handles();
            if (gpus.isEmpty()) {
                nvml.close();
                throw new IOException("NVML: no GPU visible (nvmlDeviceGetCount_v2 = 0)");
            }
            List<String> names = new ArrayList<>();
            long[] baseline = new long[gpus.size()];
            boolean energy = true;
            for (int i = 0; i < gpus.size(); i++) {
                names.add(nvml.name(gpus.get(i), i));
                baseline[i] = nvml.totalEnergyMillijoules(gpus.get(i));
                energy &= baseline[i] >= 0;
            }
            boolean counters = energy;
            return new Session() {
                @Override
                public TelemetrySample sample() {
                    double joules = 0;
                    double watts = 0;
                    boolean power = true;
                    boolean energyNow = counters;
                    Map<String, Double> ch = new LinkedHashMap<>();
                    Set<String> events = new LinkedHashSet<>();
                    for (int i = 0; i < gpus.size(); i++) {
                        MemorySegment g = gpus.get(i);
                        String p = "gpu" + i + "_";
                        if (counters) {
                            long mj = nvml.totalEnergyMillijoules(g);
                            if (mj >= 0) {
                                joules += (mj - baseline[i]) / 1000.0;
                            } else {
                                energyNow = false;
                            }
                        }
                        long mw = nvml.powerMilliwatts(g);
                        if (mw >= 0) {
                            ch.put(p + "power_w", mw / 1000.0);
                            watts += mw / 1000.0;
                        } else {
                            power = false;
                        }
                        put(ch, p + "sm_clock_mhz", nvml.clockMhz(g, Nvml.CLOCK_SM));
                        put(ch, p + "mem_clock_mhz", nvml.clockMhz(g, Nvml.CLOCK_MEM));
                        put(ch, p + "temp_c", nvml.temperatureC(g));
                        long reasons = nvml.clockEventReasons(g);
                        if (reasons > 0) {
                            for (String r : ClockEventReasons.decode(reasons)) {
                                events.add("gpu" + i + ":" + r);
                            }
                        }
                    }
                    return new TelemetrySample(energyNow ? joules : Double.NaN, power ? watts : Double.NaN, ch, events);
                }

                @Override
                public String source() {
                    return "NVML " + (counters ? "total energy counter" : "power readings (no energy counter)") + " of "
                            + String.join(", ", names);
                }

                @Override
                public void close() {
                    nvml.close();
                }
            };
        } catch (Nvml.Unavailable e) {
            nvml.close();
            throw new IOException(e.getMessage());
        }
    }

    private static void put(Map<String, Double> ch, String key, long value) {
        if (value >= 0) {
            ch.put(key, (double) value);
        }
    }
}
