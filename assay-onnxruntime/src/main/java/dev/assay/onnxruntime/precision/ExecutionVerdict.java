package dev.assay.onnxruntime.precision;

import dev.assay.onnxruntime.onnx.Graph;
import dev.assay.onnxruntime.onnx.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How the runtime executes a precision variant, read from the post-optimisation graph:
 * <ul>
 *   <li>FP16/BF16: the source graph has no casts, so a Cast in the optimised graph was
 *       inserted by the runtime to run an operator in FP32: {@code emulated} (the ops fed by
 *       those casts are listed); none: {@code native}.</li>
 *   <li>INT8/INT4: an integer compute kernel (QLinearMatMul, QLinearConv, MatMulInteger,
 *       DynamicQuantizeMatMul, MatMulNBits, ...) in the optimised graph: {@code native};
 *       only QuantizeLinear/DequantizeLinear around FP32 compute: {@code emulated}.</li>
 * </ul>
 * {@code unsupported} (session refused) and {@code slow-path} (measured slower than FP32)
 * are decided elsewhere: the first when the session cannot be created, the second by the
 * capability matrix from measurements.
 *
 * @param execution     native, emulated or reference (FP32)
 * @param reason        one line explaining the verdict
 * @param insertedCasts Cast nodes added by the runtime
 * @param castFedOps    op types consuming runtime-inserted casts, with counts
 * @param lowPrecisionOps low-precision compute ops found, with counts
 */
public record ExecutionVerdict(String execution, String reason, int insertedCasts, Map<String, Integer> castFedOps,
                               Map<String, Integer> lowPrecisionOps) {
    public static final Set<String> INT_COMPUTE = Set.of("QLinearMatMul", "QLinearConv", "MatMulInteger", "ConvInteger",
            "DynamicQuantizeMatMul", "MatMulIntegerToFloat", "QGemm", "QLinearAdd", "QLinearMul", "MatMulNBits",
            "QAttention", "DynamicQuantizeLSTM", "QLinearGlobalAveragePool", "QLinearAveragePool", "QLinearConcat",
            "QLinearSoftmax", "QLinearSigmoid", "QLinearLeakyRelu");
    private static final Set<String> COMPUTE = Set.of("MatMul", "Gemm", "FusedGemm", "FusedMatMul", "Conv", "FusedConv");

    public ExecutionVerdict {
        castFedOps = Map.copyOf(castFedOps);
        lowPrecisionOps = Map.copyOf(lowPrecisionOps);
    }

    public static ExecutionVerdict decide(Variant variant, Graph source, Graph optimised) {
        Map<String, Integer> lowOps = new TreeMap<>();
        for (Node n : optimised.nodes()) {
            if (INT_COMPUTE.contains(n.opType())) {
                lowOps.merge(n.qualifiedOp(), 1, Integer::sum);
            }
        }
        return switch (variant) {
            case FP32 -> new ExecutionVerdict("reference", "fp32 is the reference precision", 0, Map.of(), Map.of());
            case FP16, BF16 -> floatVerdict(variant, source, optimised);
            default -> {
                if (!lowOps.isEmpty()) {
                    yield new ExecutionVerdict("native", "integer kernels in the optimised graph: " + lowOps, 0, Map.of(), lowOps);
                }
                long fpCompute = optimised.nodes().stream().filter(n -> COMPUTE.contains(n.opType())).count();
                yield new ExecutionVerdict("emulated", "no integer kernel after optimisation; " + fpCompute
                        + " matmul/conv ops run in fp32 between QuantizeLinear/DequantizeLinear", 0, Map.of(), lowOps);
            }
        };
    }

    private static ExecutionVerdict floatVerdict(Variant variant, Graph source, Graph optimised) {
        int before = (int) source.nodes().stream().filter(n -> n.opType().equals("Cast")).count();
        List<Node> casts = new ArrayList<>();
        for (Node n : optimised.nodes()) {
            if (n.opType().equals("Cast")) {
                casts.add(n);
            }
        }
        int inserted = Math.max(0, casts.size() - before);
        Map<String, Integer> fed = new TreeMap<>();
        if (inserted > 0) {
            Map<String, List<Node>> consumers = new HashMap<>();
            for (Node n : optimised.nodes()) {
                for (String in : n.inputs()) {
                    consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
                }
            }
            for (Node c : casts) {
                for (Node consumer : consumers.getOrDefault(c.outputs().get(0), List.of())) {
                    if (!consumer.opType().equals("Cast")) {
                        fed.merge(consumer.qualifiedOp(), 1, Integer::sum);
                    }
                }
            }
            return new ExecutionVerdict("emulated", "the runtime inserted " + inserted + " Cast nodes to run "
                    + (fed.isEmpty() ? "some ops" : fed.keySet().toString()) + " in fp32 instead of " + variant.id(), inserted, fed, Map.of());
        }
        return new ExecutionVerdict("native", "no casts inserted: every op has a " + variant.id() + " kernel", 0, fed, Map.of());
    }

    public Map<String, Object> disclosure() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("execution", execution);
        m.put("reason", reason);
        m.put("inserted_casts", insertedCasts);
        m.put("cast_fed_ops", castFedOps);
        m.put("low_precision_ops", lowPrecisionOps);
        return m;
    }
}
