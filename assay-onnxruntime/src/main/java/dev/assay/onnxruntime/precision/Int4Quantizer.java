package dev.assay.onnxruntime.precision;

import dev.assay.onnxruntime.onnx.Attribute;
import dev.assay.onnxruntime.onnx.DataType;
import dev.assay.onnxruntime.onnx.Graph;
import dev.assay.onnxruntime.onnx.GraphBuilder;
import dev.assay.onnxruntime.onnx.Model;
import dev.assay.onnxruntime.onnx.Node;
import dev.assay.onnxruntime.onnx.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * INT4 weight-only quantisation with ONNX Runtime's contrib operator
 * {@code com.microsoft.MatMulNBits}: each MatMul with a constant 2-D weight [K, N] becomes
 * MatMulNBits with the weight stored transposed as [N, blocks, blockSize/2] packed 4-bit
 * values (low nibble first), one FP32 scale per block, symmetric (no zero-point tensor: the
 * operator's implicit zero point 8 is used). Activations stay FP32; {@code accuracy_level}
 * lets ORT quantise them to int8 inside the kernel (4) or compute in fp32 (0).
 */
public final class Int4Quantizer {
    private Int4Quantizer() {
    }

    public static Model quantize(Model model, int blockSize, int accuracyLevel) {
        if (blockSize < 16 || Integer.bitCount(blockSize) != 1) {
            throw new IllegalArgumentException("int4 block size must be a power of two >= 16, was " + blockSize);
        }
        Graph g = model.graph();
        Map<String, Tensor> init = g.initializerMap();
        List<Node> nodes = new ArrayList<>();
        List<Tensor> newInit = new ArrayList<>();
        java.util.Set<String> converted = new java.util.HashSet<>();
        int count = 0;
        for (Node n : g.nodes()) {
            Tensor w = init.get(n.input(1));
            if (!n.opType().equals("MatMul") || !n.domain().isEmpty() || w == null || w.type() != DataType.FLOAT
                    || w.dims().length != 2 || init.containsKey(n.input(0))) {
                nodes.add(n);
                continue;
            }
            int k = (int) w.dims()[0];
            int cols = (int) w.dims()[1];
            String base = w.name() + "_int4";
            if (converted.add(w.name())) {
                packInto(newInit, base, w.floats(), k, cols, blockSize);
            }
            String nodeName = n.name().isEmpty() ? "matmulnbits" + count : n.name() + "_MatMulNBits";
            count++;
            nodes.add(new Node(nodeName, "MatMulNBits", GraphBuilder.MS_DOMAIN, List.of(n.input(0), base, base + "_scales"),
                    n.outputs(), List.of(Attribute.of("K", (long) k), Attribute.of("N", (long) cols), Attribute.of("bits", 4L),
                    Attribute.of("block_size", (long) blockSize), Attribute.of("accuracy_level", (long) accuracyLevel))));
        }
        java.util.Set<String> used = new java.util.HashSet<>();
        for (Node n : nodes) {
            used.addAll(n.inputs());
        }
        for (Tensor t : g.initializers()) {
            if (!converted.contains(t.name()) || used.contains(t.name())) {
                newInit.add(t);
            }
        }
        Graph out = new Graph(g.name(), nodes, newInit, g.inputs(), g.outputs(), List.of(), g.unknown());
        return model.withGraph(out).withOpset(GraphBuilder.MS_DOMAIN, 1);
    }

    /** Packs W [K, N] (row-major) into MatMulNBits layout with per-block symmetric scales. */
    static void packInto(List<Tensor> out, String base, float[] w, int k, int n, int block) {
        int blocks = (k + block - 1) / block;
        int blob = block / 2;
        byte[] packed = new byte[n * blocks * blob];
        float[] scales = new float[n * blocks];
        for (int col = 0; col < n; col++) {
            for (int b = 0; b < blocks; b++) {
                float amax = 0;
                for (int j = 0; j < block; j++) {
                    int row = b * block + j;
                    if (row < k) {
                        amax = Math.max(amax, Math.abs(w[row * n + col]));
                    }
                }
                float scale = amax > 0 ? amax / 7f : 1f;
                scales[col * blocks + b] = scale;
                for (int j = 0; j < block; j++) {
                    int row = b * block + j;
                    // rows past K are padding: stored as the zero point so they contribute nothing
                    int q = row < k ? Math.max(0, Math.min(15, Math.round(w[row * n + col] / scale) + 8)) : 8;
                    int idx = (col * blocks + b) * blob + j / 2;
                    packed[idx] |= (byte) ((j % 2 == 0) ? q : q << 4);
                }
            }
        }
        out.add(Tensor.ofBytes(base, DataType.UINT8, new long[]{n, blocks, blob}, packed));
        out.add(Tensor.ofFloats(base + "_scales", new long[]{(long) n * blocks}, scales));
    }

    public static Map<String, Object> recipe(int blockSize, int accuracyLevel) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("scheme", "weight-only int4 via com.microsoft.MatMulNBits for every MatMul with a constant weight; other ops stay fp32");
        r.put("weights", "4-bit, symmetric (implicit zero point 8), per-block along K, block_size " + blockSize);
        r.put("activations", "fp32");
        r.put("accuracy_level", accuracyLevel);
        r.put("accuracy_level_meaning", "0 = runtime default, 1 = fp32, 2 = fp16, 3 = bf16, 4 = int8 compute inside the kernel");
        r.put("calibration", "none (weight-only, round-to-nearest)");
        return r;
    }
}
