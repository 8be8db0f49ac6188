package dev.assay.onnxruntime;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession.SessionOptions.ExecutionMode;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import dev.assay.api.AssayException;
import dev.assay.onnxruntime.models.Options;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Effective ONNX Runtime session settings, resolved from workload options. Every value is
 * pinned explicitly (never left to the runtime's own default) so the disclosure states what
 * actually ran.
 *
 * @param intraOpThreads threads inside one operator (option {@code threads}; default: available processors)
 * @param interOpThreads threads across independent operators (option {@code interOpThreads}; default 1)
 * @param optLevel       graph optimisation level (option {@code optLevel}: disable|basic|extended|all; default all)
 * @param parallel       parallel execution mode (option {@code executionMode}: sequential|parallel; default sequential)
 * @param memoryPattern  memory pattern optimisation (option {@code memoryPattern}; default true)
 * @param cpuArena       CPU arena allocator (option {@code cpuArena}; default true)
 * @param profilePrefix  ORT profiling file prefix (option {@code ortProfile}), or null for no profiling
 */
public record SessionConfig(int intraOpThreads, int interOpThreads, String optLevel, boolean parallel,
                            boolean memoryPattern, boolean cpuArena, String profilePrefix) {
    public static final String THREADS = "threads";
    public static final String INTER_OP_THREADS = "interOpThreads";
    public static final String OPT_LEVEL = "optLevel";
    public static final String EXECUTION_MODE = "executionMode";
    public static final String MEMORY_PATTERN = "memoryPattern";
    public static final String CPU_ARENA = "cpuArena";
    public static final String ORT_PROFILE = "ortProfile";

    public SessionConfig {
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("intra-op threads must be >= 1, was " + intraOpThreads);
        }
        if (interOpThreads < 1) {
            throw new IllegalArgumentException("inter-op threads must be >= 1, was " + interOpThreads);
        }
    }

    public static SessionConfig defaults() {
        return new SessionConfig(OrtRuntime.processors(), 1, "all", false, true, true, null);
    }

    public static SessionConfig from(Map<String, String> options) throws AssayException {
        Options o = new Options(options);
        SessionConfig d = defaults();
        String level = o.string(OPT_LEVEL, d.optLevel()).toLowerCase(Locale.ROOT);
        if (!level.matches("disable|basic|extended|all")) {
            throw AssayException.badInput("option optLevel=" + level + " is not known (allowed: disable, basic, extended, all)");
        }
        String mode = o.string(EXECUTION_MODE, "sequential").toLowerCase(Locale.ROOT);
        if (!mode.matches("sequential|parallel")) {
            throw AssayException.badInput("option executionMode=" + mode + " is not known (allowed: sequential, parallel)");
        }
        return new SessionConfig(o.integer(THREADS, d.intraOpThreads(), 1, 1024),
                o.integer(INTER_OP_THREADS, d.interOpThreads(), 1, 1024), level, mode.equals("parallel"),
                o.bool(MEMORY_PATTERN, true), o.bool(CPU_ARENA, true), o.string(ORT_PROFILE, null));
    }

    /** Same settings without profiling (for helper sessions whose runs must not pollute the trace). */
    SessionConfig withoutProfiling() {
        return new SessionConfig(intraOpThreads, interOpThreads, optLevel, parallel, memoryPattern, cpuArena, null);
    }

    OptLevel ortLevel() {
        return switch (optLevel) {
            case "disable" -> OptLevel.NO_OPT;
            case "basic" -> OptLevel.BASIC_OPT;
            case "extended" -> OptLevel.EXTENDED_OPT;
            default -> OptLevel.ALL_OPT;
        };
    }

    /** Fresh native session options; the caller closes them. */
    SessionOptions toOptions() throws OrtException {
        SessionOptions so = new SessionOptions();
        so.setIntraOpNumThreads(intraOpThreads);
        so.setInterOpNumThreads(interOpThreads);
        so.setOptimizationLevel(ortLevel());
        so.setExecutionMode(parallel ? ExecutionMode.PARALLEL : ExecutionMode.SEQUENTIAL);
        so.setMemoryPatternOptimization(memoryPattern);
        so.setCPUArenaAllocator(cpuArena);
        if (profilePrefix != null) {
            so.enableProfiling(profilePrefix);
        }
        return so;
    }

    /** JSON-friendly disclosure. */
    public Map<String, Object> disclosure() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("execution_provider", "CPUExecutionProvider");
        m.put("intra_op_threads", intraOpThreads);
        m.put("inter_op_threads", interOpThreads);
        m.put("graph_optimization_level", optLevel);
        m.put("execution_mode", parallel ? "parallel" : "sequential");
        m.put("memory_pattern", memoryPattern);
        m.put("cpu_arena", cpuArena);
        m.put("profiling", profilePrefix != null);
        return m;
    }
}
