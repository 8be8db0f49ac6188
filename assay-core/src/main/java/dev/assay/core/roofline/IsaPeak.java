package dev.assay.core.roofline;

import dev.assay.core.probe.CpuInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Theoretical compute peak of the CPU's instruction set per precision:
 * physical cores x clock x FLOPs per cycle per core, FLOPs per cycle from the widest
 * multiply-accumulate instruction the flags advertise and an assumed number of such units per
 * core. Shown next to each measured ceiling so the user sees what a runtime leaves on the table.
 * Every assumption is written into the result; with no usable clock the peak is "not computed".
 */
public final class IsaPeak {
    private IsaPeak() {
    }

    /**
     * One precision's theoretical peak.
     *
     * @param precision   precision id
     * @param gflops      peak in GFLOP/s (GOP/s for int8), or null when not computed
     * @param basis       the arithmetic, e.g. {@code 2 cores x 2445 MHz x 32 FLOP/cycle (2 x 256-bit FMA, 8 lanes)},
     *                    or null
     * @param notComputed why there is no number, or null
     */
    public record Entry(String precision, Double gflops, String basis, String notComputed) {
        public Entry {
            if ((gflops == null) == (notComputed == null)) {
                throw new IllegalArgumentException("an ISA peak entry has either a value or a reason, not both or neither ("
                        + precision + ")");
            }
        }

        static Entry of(String precision, double gflops, String basis) {
            return new Entry(precision, gflops, basis, null);
        }

        static Entry missing(String precision, String reason) {
            return new Entry(precision, null, null, "not computed: " + reason);
        }
    }

    /**
     * Peaks for fp32, bf16, fp16 and int8 with the assumptions they rest on.
     *
     * @param entries     precision id to entry
     * @param assumptions what the arithmetic assumes (cores, clock source, units per core)
     */
    public record Report(Map<String, Entry> entries, List<String> assumptions) {
        public Report {
            entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
            assumptions = List.copyOf(assumptions);
        }

        /** Peak for a precision, or null when not computed or not listed. */
        public Double gflops(String precision) {
            Entry e = entries.get(precision);
            return e == null ? null : e.gflops();
        }
    }

    /** Clock used for the peak. */
    record Clock(double mhz, String source) {
    }

    /** Computes the report for the machine below {@code root} ({@code proc/cpuinfo}, cpufreq in sysfs). */
    public static Report compute(Path root) {
        CpuInfo cpu;
        String text;
        try {
            text = Files.readString(root.resolve("proc/cpuinfo"), StandardCharsets.UTF_8);
            cpu = CpuInfo.parse(text);
        } catch (IOException | RuntimeException e) {
            String reason = "cannot read " + root.resolve("proc/cpuinfo") + ": " + e.getMessage();
            Map<String, Entry> m = new LinkedHashMap<>();
            for (String p : List.of("fp32", "bf16", "fp16", "int8")) {
                m.put(p, Entry.missing(p, reason));
            }
            return new Report(m, List.of());
        }
        return compute(cpu, clock(root, cpuinfoMhz(text)));
    }

    /** The first {@code cpu MHz} value of cpuinfo text, NaN when absent (the probe's CpuInfo does not keep it). */
    static double cpuinfoMhz(String cpuinfo) {
        for (String line : cpuinfo.split("\\R")) {
            if (line.startsWith("cpu MHz")) {
                try {
                    return Double.parseDouble(line.substring(line.indexOf(':') + 1).strip());
                } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                    return Double.NaN;
                }
            }
        }
        return Double.NaN;
    }

    /** Reads the clock: cpufreq's maximum (boost) when exposed, else cpuinfo's MHz, else null. */
    static Clock clock(Path root, double cpuinfoMhz) {
        Path max = root.resolve("sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq");
        try {
            double khz = Double.parseDouble(Files.readString(max, StandardCharsets.UTF_8).trim());
            if (khz > 0) {
                return new Clock(khz / 1000, "cpufreq cpuinfo_max_freq (maximum boost clock; all-core sustained clocks are usually lower)");
            }
        } catch (IOException | NumberFormatException e) {
            // fall through to cpuinfo
        }
        if (cpuinfoMhz > 0) {
            return new Clock(cpuinfoMhz, "/proc/cpuinfo 'cpu MHz' (the clock at the time of reading, or the nominal clock "
                    + "under a hypervisor; boost clocks can be higher, so a measured ceiling may exceed this peak)");
        }
        return null;
    }

    /** Pure computation from parsed facts (tests call this with recorded cpuinfo). */
    static Report compute(CpuInfo cpu, Clock clock) {
        List<String> assumptions = new ArrayList<>();
        int cores = cpu.cores() > 0 ? cpu.cores() : cpu.logicalCpus();
        assumptions.add(cpu.cores() > 0
                ? "cores: " + cores + " physical (distinct physical id/core id in /proc/cpuinfo); SMT siblings share the "
                        + "vector units and add no peak"
                : "cores: " + cores + " = logical CPUs (/proc/cpuinfo gives no core ids; with SMT this overstates the peak)");
        Map<String, Entry> out = new LinkedHashMap<>();
        if (clock == null) {
            for (String p : List.of("fp32", "bf16", "fp16", "int8")) {
                out.put(p, Entry.missing(p, "CPU frequency unknown (no cpufreq cpuinfo_max_freq, no 'cpu MHz' in /proc/cpuinfo)"));
            }
            return new Report(out, assumptions);
        }
        assumptions.add(String.format(Locale.ROOT, "clock: %.0f MHz from %s", clock.mhz(), clock.source()));
        Units units = units(cpu);
        assumptions.add("vector units: " + units.description());
        double coreGhz = cores * clock.mhz() / 1000;
        String prefix = String.format(Locale.ROOT, "%d cores x %.0f MHz x ", cores, clock.mhz());

        // FP32: FMA = 2 FLOPs per lane.
        if (units.fp32Lanes > 0) {
            double perCycle = 2.0 * units.fp32Lanes * units.count;
            out.put("fp32", Entry.of("fp32", coreGhz * perCycle, prefix + fmt(perCycle) + " FLOP/cycle ("
                    + units.count + " x " + units.bits + "-bit FMA, " + units.fp32Lanes + " fp32 lanes, 2 FLOP per FMA)"));
        } else {
            out.put("fp32", Entry.missing("fp32", "no FMA + AVX2/AVX-512 flags; the SSE/AVX mul+add peak is not modelled"));
        }
        // BF16: AMX tiles beat AVX-512 dot products by far when present.
        if (cpu.has("amx_bf16")) {
            out.put("bf16", Entry.of("bf16", coreGhz * 1024, prefix + "1024 FLOP/cycle (AMX-BF16 TMUL, Intel's figure per core)"));
        } else if (cpu.has("avx512_bf16")) {
            double perCycle = 2.0 * 2 * 16 * units.count512();
            out.put("bf16", Entry.of("bf16", coreGhz * perCycle, prefix + fmt(perCycle)
                    + " FLOP/cycle (vdpbf16ps: 16 fp32 lanes x 2 bf16 pairs x 2 FLOP, " + units.count512() + " unit(s))"));
        } else {
            out.put("bf16", Entry.missing("bf16", "no avx512_bf16 or amx_bf16 flag: bf16 runs converted to fp32 (at most the fp32 peak)"));
        }
        // FP16: AVX512-FP16 (Sapphire Rapids+) or AMX-FP16 (Granite Rapids).
        if (cpu.has("amx_fp16")) {
            out.put("fp16", Entry.of("fp16", coreGhz * 1024, prefix + "1024 FLOP/cycle (AMX-FP16 TMUL, Intel's figure per core)"));
        } else if (cpu.has("avx512_fp16")) {
            double perCycle = 2.0 * 32 * units.count512();
            out.put("fp16", Entry.of("fp16", coreGhz * perCycle, prefix + fmt(perCycle)
                    + " FLOP/cycle (vfmadd*ph: 32 fp16 lanes x 2 FLOP, " + units.count512() + " unit(s))"));
        } else {
            out.put("fp16", Entry.missing("fp16", "no avx512_fp16 or amx_fp16 flag: fp16 arithmetic is converted (F16C) to fp32"));
        }
        // INT8: VNNI dot products (4 int8 pairs per 32-bit lane) or AMX-INT8.
        if (cpu.has("amx_int8")) {
            out.put("int8", Entry.of("int8", coreGhz * 2048, prefix + "2048 OP/cycle (AMX-INT8 TMUL, Intel's figure per core)"));
        } else if (cpu.has("avx512_vnni")) {
            double perCycle = 2.0 * 4 * 16 * units.count512();
            out.put("int8", Entry.of("int8", coreGhz * perCycle, prefix + fmt(perCycle)
                    + " OP/cycle (vpdpbusd zmm: 16 lanes x 4 int8 pairs x 2 OP, " + units.count512() + " unit(s))"));
        } else if (cpu.has("avx_vnni")) {
            double perCycle = 2.0 * 4 * 8 * units.count256();
            out.put("int8", Entry.of("int8", coreGhz * perCycle, prefix + fmt(perCycle)
                    + " OP/cycle (vpdpbusd ymm: 8 lanes x 4 int8 pairs x 2 OP, " + units.count256() + " unit(s))"));
        } else {
            out.put("int8", Entry.missing("int8", "no VNNI (avx512_vnni / avx_vnni) or AMX-INT8 flag: the AVX2 int8 sequence "
                    + "(vpmaddubsw + vpmaddwd + vpaddd, 16-bit intermediate) has no single-instruction peak to quote"));
        }
        return new Report(out, assumptions);
    }

    /** Vector FMA units per core as modelled from vendor, family and flags. */
    record Units(int count, int bits, int fp32Lanes, String description) {
        /** 512-bit units (0 without AVX-512; Zen 4 is modelled as one, see {@link #units}). */
        int count512() {
            return bits == 512 ? count : 0;
        }

        /** 256-bit units: a 512-bit unit counts as two. */
        int count256() {
            return bits == 256 ? count : count * 2;
        }
    }

    static Units units(CpuInfo cpu) {
        boolean amd = cpu.vendor().contains("AMD");
        if (cpu.has("avx512f") && cpu.has("fma")) {
            if (amd && cpu.family() == 0x19) {
                return new Units(1, 512, 16, "AMD Zen 4 (family 0x19 with AVX-512): 512-bit FMAs double-pumped through "
                        + "2 x 256-bit pipes, counted as 1 x 512-bit");
            }
            return new Units(2, 512, 16, "assumed 2 x 512-bit FMA units per core (Intel Xeon Gold/Platinum Skylake-SP "
                    + "and later, Sapphire Rapids, AMD Zen 5; some Xeon Silver/Bronze and client parts have 1, which halves "
                    + "this peak)");
        }
        if (cpu.has("avx2") && cpu.has("fma")) {
            if (amd && cpu.family() == 0x17 && cpu.model() < 0x30) {
                return new Units(1, 256, 8, "AMD Zen/Zen+ (family 0x17, model < 0x30): 2 x 128-bit FMA pipes, counted as "
                        + "1 x 256-bit");
            }
            return new Units(2, 256, 8, "assumed 2 x 256-bit FMA units per core (Intel Haswell and later client/server "
                    + "cores, AMD Zen 2/3)");
        }
        return new Units(0, 0, 0, "no FMA vector unit modelled (flags lack fma with avx2 or avx512f)");
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
