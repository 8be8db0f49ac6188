package dev.assay.onnxruntime.onnx;

import dev.assay.onnxruntime.onnx.ProtoReader.FloatList;
import dev.assay.onnxruntime.onnx.ProtoReader.LongList;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes and decodes ONNX models (onnx.proto field numbers) without protoc. Only the
 * fields Assay needs are modelled; every other field is carried through verbatim, so a
 * model read, rewritten (e.g. quantised) and written again keeps what it had.
 */
public final class OnnxCodec {
    private OnnxCodec() {
    }

    // ------------------------------------------------------------------ encoding

    public static byte[] encode(Model m) {
        ProtoWriter w = new ProtoWriter();
        w.varint(1, m.irVersion());
        w.string(2, m.producerName());
        w.string(3, m.producerVersion());
        w.message(7, graph(m.graph()));
        for (Map.Entry<String, Long> e : m.opsets().entrySet()) {
            ProtoWriter o = new ProtoWriter();
            o.string(1, e.getKey());
            o.varint(2, e.getValue());
            w.message(8, o);
        }
        for (Map.Entry<String, String> e : m.metadata().entrySet()) {
            ProtoWriter kv = new ProtoWriter();
            kv.string(1, e.getKey());
            kv.string(2, e.getValue());
            w.message(14, kv);
        }
        w.raw(m.unknown());
        return w.toBytes();
    }

    public static void write(Model m, Path file) throws IOException {
        Files.write(file, encode(m));
    }

    private static ProtoWriter graph(Graph g) {
        ProtoWriter w = new ProtoWriter();
        for (Node n : g.nodes()) {
            w.message(1, node(n));
        }
        w.string(2, g.name());
        for (Tensor t : g.initializers()) {
            w.message(5, tensor(t));
        }
        for (ValueInfo v : g.inputs()) {
            w.message(11, valueInfo(v));
        }
        for (ValueInfo v : g.outputs()) {
            w.message(12, valueInfo(v));
        }
        for (ValueInfo v : g.valueInfo()) {
            w.message(13, valueInfo(v));
        }
        w.raw(g.unknown());
        return w;
    }

    private static ProtoWriter node(Node n) {
        ProtoWriter w = new ProtoWriter();
        // Empty input names are meaningful (an omitted optional input), so they are always written.
        for (String in : n.inputs()) {
            w.bytes(1, in.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        for (String out : n.outputs()) {
            w.bytes(2, out.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        w.string(3, n.name());
        w.string(4, n.opType());
        for (Attribute a : n.attributes()) {
            w.message(5, attribute(a));
        }
        w.string(7, n.domain());
        w.raw(n.unknown());
        return w;
    }

    private static ProtoWriter attribute(Attribute a) {
        ProtoWriter w = new ProtoWriter();
        w.string(1, a.name());
        switch (a.type()) {
            case FLOAT -> w.fixed32(2, a.f());
            case INT -> w.varint(3, a.i());
            case STRING -> w.bytes(4, a.s());
            case TENSOR -> w.message(5, tensor(a.t()));
            case GRAPH -> w.message(6, graph(a.g()));
            case FLOATS -> w.packedFloats(7, a.floats());
            case INTS -> w.packedVarints(8, a.ints());
            default -> {
                // carried in unknown
            }
        }
        w.varint(20, a.type().ordinal());
        w.raw(a.unknown());
        return w;
    }

    private static ProtoWriter tensor(Tensor t) {
        ProtoWriter w = new ProtoWriter();
        w.packedVarints(1, t.dims());
        w.varint(2, t.type().code());
        w.string(8, t.name());
        if (!t.external() && t.type().bits() > 0) {
            w.bytes(9, t.raw());
        }
        w.raw(t.unknown());
        return w;
    }

    private static ProtoWriter valueInfo(ValueInfo v) {
        ProtoWriter w = new ProtoWriter();
        w.string(1, v.name());
        if (v.rawType() != null) {
            w.bytes(2, v.rawType());
        } else if (v.elemType() != null) {
            ProtoWriter tt = new ProtoWriter();
            tt.varint(1, v.elemType().code());
            if (v.shape() != null) {
                ProtoWriter shape = new ProtoWriter();
                for (Dim d : v.shape()) {
                    ProtoWriter dim = new ProtoWriter();
                    if (d.isFixed()) {
                        dim.varint(1, d.value());
                    } else if (d.param() != null) {
                        dim.string(2, d.param());
                    }
                    shape.message(1, dim);
                }
                tt.message(2, shape);
            }
            ProtoWriter type = new ProtoWriter();
            type.message(1, tt);
            w.message(2, type);
        }
        return w;
    }

    // ------------------------------------------------------------------ decoding

    /** Reads a model file; the exception message names the file. */
    public static Model read(Path file) throws IOException, OnnxFormatException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return decode(bytes);
        } catch (OnnxFormatException e) {
            throw new OnnxFormatException(file + ": " + e.getMessage());
        }
    }

    public static Model decode(byte[] bytes) throws OnnxFormatException {
        try {
            return model(new ProtoReader(bytes));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new OnnxFormatException(e.getMessage());
        }
    }

    private static Model model(ProtoReader r) throws OnnxFormatException {
        long ir = 0;
        String producer = "";
        String producerVersion = "";
        Graph graph = null;
        Map<String, Long> opsets = new LinkedHashMap<>();
        Map<String, String> meta = new LinkedHashMap<>();
        while (r.hasMore()) {
            switch (r.nextField()) {
                case 1 -> ir = r.varint();
                case 2 -> producer = r.string();
                case 3 -> producerVersion = r.string();
                case 7 -> graph = graph(r.message());
                case 8 -> {
                    ProtoReader o = r.message();
                    String domain = "";
                    long version = 0;
                    while (o.hasMore()) {
                        switch (o.nextField()) {
                            case 1 -> domain = o.string();
                            case 2 -> version = o.varint();
                            default -> o.skip();
                        }
                    }
                    opsets.put(domain.equals("ai.onnx") ? "" : domain, version);
                }
                case 14 -> {
                    ProtoReader kv = r.message();
                    String k = "";
                    String v = "";
                    while (kv.hasMore()) {
                        switch (kv.nextField()) {
                            case 1 -> k = kv.string();
                            case 2 -> v = kv.string();
                            default -> kv.skip();
                        }
                    }
                    meta.put(k, v);
                }
                default -> r.keepUnknown();
            }
        }
        if (graph == null) {
            throw new OnnxFormatException("no graph in model (not an ONNX ModelProto?)");
        }
        if (ir <= 0) {
            throw new OnnxFormatException("missing or invalid ir_version " + ir);
        }
        return new Model(ir, opsets, producer, producerVersion, graph, meta, r.unknownFields());
    }

    private static Graph graph(ProtoReader r) throws OnnxFormatException {
        List<Node> nodes = new ArrayList<>();
        List<Tensor> init = new ArrayList<>();
        List<ValueInfo> in = new ArrayList<>();
        List<ValueInfo> out = new ArrayList<>();
        List<ValueInfo> vi = new ArrayList<>();
        String name = "";
        while (r.hasMore()) {
            switch (r.nextField()) {
                case 1 -> nodes.add(node(r.message()));
                case 2 -> name = r.string();
                case 5 -> init.add(tensor(r.message()));
                case 11 -> in.add(valueInfo(r.message()));
                case 12 -> out.add(valueInfo(r.message()));
                case 13 -> vi.add(valueInfo(r.message()));
                default -> r.keepUnknown();
            }
        }
        return new Graph(name, nodes, init, in, out, vi, r.unknownFields());
    }

    private static Node node(ProtoReader r) throws OnnxFormatException {
        List<String> in = new ArrayList<>();
        List<String> out = new ArrayList<>();
        List<Attribute> attrs = new ArrayList<>();
        String name = "";
        String op = "";
        String domain = "";
        while (r.hasMore()) {
            switch (r.nextField()) {
                case 1 -> in.add(r.string());
                case 2 -> out.add(r.string());
                case 3 -> name = r.string();
                case 4 -> op = r.string();
                case 5 -> attrs.add(attribute(r.message()));
                case 7 -> domain = r.string();
                default -> r.keepUnknown();
            }
        }
        if (op.isEmpty()) {
            throw new OnnxFormatException("node '" + name + "' has no op_type");
        }
        return new Node(name, op, domain, in, out, attrs, r.unknownFields());
    }

    private static Attribute attribute(ProtoReader r) throws OnnxFormatException {
        String name = "";
        float f = 0;
        long i = 0;
        byte[] s = null;
        Tensor t = null;
        Graph g = null;
        FloatList floats = new FloatList();
        LongList ints = new LongList();
        long type = -1;
        while (r.hasMore()) {
            switch (r.nextField()) {
                case 1 -> name = r.string();
                case 2 -> f = r.fixed32Float();
                case 3 -> i = r.varint();
                case 4 -> s = r.bytes();
                case 5 -> t = tensor(r.message());
                case 6 -> g = graph(r.message());
                case 7 -> r.floats(floats);
                case 8 -> r.varints(ints);
                case 20 -> type = r.varint();
                default -> r.keepUnknown();
            }
        }
        Attribute.Type kind;
        if (type >= 0) {
            kind = Attribute.Type.of(type);
        } else {
            // Very old models omit the type; infer it from which field was set.
            kind = t != null ? Attribute.Type.TENSOR : g != null ? Attribute.Type.GRAPH : s != null ? Attribute.Type.STRING
                    : ints.n > 0 ? Attribute.Type.INTS : floats.n > 0 ? Attribute.Type.FLOATS : Attribute.Type.INT;
        }
        return new Attribute(name, kind, f, i, s, t, g, floats.toArray(), ints.toArray(), r.unknownFields());
    }

    private static Tensor tensor(ProtoReader r) throws OnnxFormatException {
        LongList dims = new LongList();
        int dataType = 0;
        String name = "";
        byte[] raw = null;
        FloatList floatData = new FloatList();
        LongList int32Data = new LongList();
        LongList int64Data = new LongList();
        LongList doubleData = new LongList();
        LongList uint64Data = new LongList();
        boolean external = false;
        byte[] location = null;
        while (r.hasMore()) {
            int field = r.nextField();
            switch (field) {
                case 1 -> r.varints(dims);
                case 2 -> dataType = (int) r.varint();
                case 4 -> r.floats(floatData);
                case 5 -> r.varints(int32Data);
                case 7 -> r.varints(int64Data);
                case 8 -> name = r.string();
                case 9 -> raw = r.bytes();
                case 10 -> r.fixed64s(doubleData);
                case 11 -> r.varints(uint64Data);
                case 14 -> {
                    long loc = r.varint();
                    external = loc == 1;
                    // interpreted here and also kept, so a rewritten model still points at its data file
                    location = new ProtoWriter().varint(14, loc).toBytes();
                }
                default -> r.keepUnknown();
            }
        }
        DataType type = DataType.of(dataType);
        long[] shape = dims.toArray();
        byte[] unknown = join(r.unknownFields(), location);
        if (external || type.bits() == 0) {
            return new Tensor(name, type, shape, new byte[0], unknown, external);
        }
        if (raw == null) {
            raw = fromTypedFields(name, type, shape, floatData, int32Data, int64Data, doubleData, uint64Data);
        }
        return new Tensor(name, type, shape, raw, unknown, false);
    }

    private static byte[] join(byte[] a, byte[] b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static byte[] fromTypedFields(String name, DataType type, long[] shape, FloatList f, LongList i32,
                                          LongList i64, LongList d, LongList u64) throws OnnxFormatException {
        long count = Tensor.elementCount(shape);
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(type.bytesFor(count))).order(ByteOrder.LITTLE_ENDIAN);
        int have;
        switch (type) {
            case FLOAT, COMPLEX64 -> {
                have = f.n;
                for (int k = 0; k < f.n && b.remaining() >= 4; k++) {
                    b.putFloat(f.a[k]);
                }
            }
            case INT64 -> {
                have = i64.n;
                for (int k = 0; k < i64.n && b.remaining() >= 8; k++) {
                    b.putLong(i64.a[k]);
                }
            }
            case DOUBLE, COMPLEX128 -> {
                have = d.n;
                for (int k = 0; k < d.n && b.remaining() >= 8; k++) {
                    b.putLong(d.a[k]);
                }
            }
            case UINT32, UINT64 -> {
                have = u64.n;
                for (int k = 0; k < u64.n && b.remaining() > 0; k++) {
                    if (type == DataType.UINT32) {
                        b.putInt((int) u64.a[k]);
                    } else {
                        b.putLong(u64.a[k]);
                    }
                }
            }
            default -> {
                // int32_data carries every narrower type, one element (or one packed 4-bit pair) per entry
                have = i32.n;
                int width = Math.max(1, type.bits() / 8);
                for (int k = 0; k < i32.n && b.remaining() >= width; k++) {
                    long v = i32.a[k];
                    switch (width) {
                        case 1 -> b.put((byte) v);
                        case 2 -> b.putShort((short) v);
                        default -> b.putInt((int) v);
                    }
                }
                if (type.bits() == 4) {
                    have = (int) Math.min(count, 2L * i32.n);
                }
            }
        }
        long expected = type.bits() == 4 ? count : count * (type.name().startsWith("COMPLEX") ? 2 : 1);
        if (have != expected) {
            throw new OnnxFormatException("tensor '" + name + "' declares " + count + " elements but carries " + have);
        }
        return b.array();
    }

    private static ValueInfo valueInfo(ProtoReader r) throws OnnxFormatException {
        String name = "";
        DataType elem = null;
        List<Dim> shape = null;
        byte[] rawType = null;
        while (r.hasMore()) {
            switch (r.nextField()) {
                case 1 -> name = r.string();
                case 2 -> {
                    byte[] typeBytes = r.bytes();
                    ProtoReader t = new ProtoReader(typeBytes);
                    boolean plainTensor = true;
                    while (t.hasMore()) {
                        if (t.nextField() == 1) {
                            ProtoReader tt = t.message();
                            while (tt.hasMore()) {
                                switch (tt.nextField()) {
                                    case 1 -> elem = DataType.of((int) tt.varint());
                                    case 2 -> shape = shape(tt.message());
                                    default -> tt.skip();
                                }
                            }
                        } else {
                            plainTensor = false;
                            t.skip();
                        }
                    }
                    if (!plainTensor) {
                        rawType = typeBytes;
                    }
                }
                default -> r.skip();
            }
        }
        return new ValueInfo(name, elem, shape, rawType);
    }

    private static List<Dim> shape(ProtoReader r) throws OnnxFormatException {
        List<Dim> dims = new ArrayList<>();
        while (r.hasMore()) {
            if (r.nextField() == 1) {
                ProtoReader d = r.message();
                Dim dim = Dim.unknown();
                while (d.hasMore()) {
                    switch (d.nextField()) {
                        case 1 -> {
                            long v = d.varint();
                            dim = v >= 0 ? Dim.of(v) : Dim.unknown();
                        }
                        case 2 -> dim = Dim.param(d.string());
                        default -> d.skip();
                    }
                }
                dims.add(dim);
            } else {
                r.skip();
            }
        }
        return dims;
    }
}
