package dev.assay.onnxruntime.precision;

/** Scale and zero-point arithmetic shared by the quantisers (ONNX QuantizeLinear semantics). */
final class QuantMath {
    private QuantMath() {
    }

    /** Asymmetric uint8 parameters for range [min, max] (widened to include 0, as ONNX requires). */
    static float[] uint8Params(float min, float max) {
        float lo = Math.min(min, 0f);
        float hi = Math.max(max, 0f);
        float scale = (hi - lo) / 255f;
        if (!(scale > 0) || !Float.isFinite(scale)) {
            return new float[]{1f, 0f};
        }
        float zp = Math.round(-lo / scale);
        return new float[]{scale, Math.max(0, Math.min(255, zp))};
    }

    /**
     * Largest int8 weight magnitude. Full range is 127; reduced range (7 bits, 63) keeps the
     * pairwise uint8 x int8 products of AVX2 kernels without VNNI (vpmaddubsw) from saturating
     * int16, which otherwise costs ~10% relative error on this class of CPU.
     */
    static int weightMax(boolean reduceRange) {
        return reduceRange ? 63 : 127;
    }

    /** Symmetric int8 scale for values with this absolute maximum. */
    static float int8Scale(float absMax, int qmax) {
        return absMax > 0 && Float.isFinite(absMax) ? absMax / qmax : 1f;
    }

    static byte quantizeInt8(float v, float scale, int qmax) {
        return (byte) Math.max(-qmax, Math.min(qmax, Math.round(v / scale)));
    }

    static byte quantizeUint8(float v, float scale, float zp) {
        return (byte) Math.max(0, Math.min(255, Math.round(v / scale) + (int) zp));
    }
}
