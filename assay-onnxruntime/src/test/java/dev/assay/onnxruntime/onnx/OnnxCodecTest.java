package dev.assay.onnxruntime.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OnnxCodecTest {
    private static Model sample() {
        GraphBuilder g = new GraphBuilder("t");
        String x = g.input("x", DataType.FLOAT, Dim.param("batch"), Dim.of(3));
        String w = g.floats("w", new long[]{3, 2}, new float[]{1, -2, 3.5f, 4, 5, -6});
        String shape = g.longs("shape", 0, -1);
        String y = g.node("Gemm").in(x, w).attr("alpha", 0.5f).attr("transB", 0L).attrs("dummy_ints", 1, 2, 3).out();
        y = g.node("Reshape").in(y, shape).named("y").out();
        g.output(y, DataType.FLOAT, Dim.param("batch"), Dim.unknown());
        g.metadata("k", "v");
        return g.build();
    }

    @Test
    void roundTripKeepsEveryModelledField() throws Exception {
        Model m = sample();
        byte[] bytes = m.toBytes();
        Model back = OnnxCodec.decode(bytes);
        assertArrayEquals(bytes, back.toBytes(), "re-encoding must give identical bytes");
        assertEquals(GraphBuilder.IR_VERSION, back.irVersion());
        assertEquals(Map.of("", GraphBuilder.DEFAULT_OPSET), back.opsets());
        assertEquals("v", back.metadata().get("k"));
        Graph g = back.graph();
        assertEquals(List.of("Gemm", "Reshape"), g.nodes().stream().map(Node::opType).toList());
        Node gemm = g.nodes().get(0);
        assertEquals(0.5f, gemm.attribute("alpha").f());
        assertEquals(Attribute.Type.INT, gemm.attribute("transB").type());
        assertArrayEquals(new long[]{1, 2, 3}, gemm.intsAttr("dummy_ints"));
        Tensor w = g.initializerMap().get("w");
        assertArrayEquals(new long[]{3, 2}, w.dims());
        assertArrayEquals(new float[]{1, -2, 3.5f, 4, 5, -6}, w.floats());
        assertArrayEquals(new long[]{0, -1}, g.initializerMap().get("shape").longs());
        assertEquals("[batch, 3]", g.inputs().get(0).shapeText());
        assertEquals("[batch, ?]", g.outputs().get(0).shapeText());
    }

    @Test
    void unknownFieldsSurviveARewrite() throws Exception {
        // ModelProto.doc_string (field 6) is not modelled: it must come back verbatim
        byte[] doc = "kept".getBytes(StandardCharsets.UTF_8);
        byte[] base = sample().toBytes();
        byte[] withDoc = new byte[base.length + 2 + doc.length];
        System.arraycopy(base, 0, withDoc, 0, base.length);
        withDoc[base.length] = (6 << 3) | 2;
        withDoc[base.length + 1] = (byte) doc.length;
        System.arraycopy(doc, 0, withDoc, base.length + 2, doc.length);
        Model m = OnnxCodec.decode(withDoc).withMetadata("added", "1");
        byte[] again = m.toBytes();
        String text = new String(again, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("kept"), "doc_string lost in rewrite");
        assertEquals("1", OnnxCodec.decode(again).metadata().get("added"));
    }

    @Test
    void typedDataFieldsAreNormalisedToRaw() throws Exception {
        // TensorProto with dims [2], data_type FLOAT, float_data packed {1.5, -2}, name "f"
        ProtoWriter t = new ProtoWriter().packedVarints(1, new long[]{2}).varint(2, 1).packedFloats(4, new float[]{1.5f, -2f}).string(8, "f");
        ProtoWriter graph = new ProtoWriter().message(5, t).string(2, "g");
        byte[] model = new ProtoWriter().varint(1, 8).message(7, graph).toBytes();
        Tensor f = OnnxCodec.decode(model).graph().initializers().get(0);
        assertArrayEquals(new float[]{1.5f, -2f}, f.floats());
        assertNull(f.unknown());
    }

    @Test
    void garbageIsRejectedWithAReason() {
        byte[] junk = "this is not a protobuf model at all".getBytes(StandardCharsets.UTF_8);
        OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> OnnxCodec.decode(junk));
        assertTrue(e.getMessage().length() > 5, e.getMessage());
    }
}
