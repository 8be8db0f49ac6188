package dev.assay.onnxruntime.models;

/**
 * Metadata keys through which a built model tells the input generator how to fill its
 * inputs and how to judge its outputs. External models carry none; the generator then
 * falls back to rules by input name (see {@code InputFactory}).
 *
 * <p>Input hint values: {@code uniform:LO:HI} (floats), {@code int:LO:HI} (integers in
 * [LO, HI)), {@code arange} (0..n-1 along the last axis), {@code arange:DIM} (starting at the
 * bound value of symbolic dimension DIM, e.g. the KV-cache length), {@code ones}, {@code zeros}.
 */
public final class InputHints {
    /** Prefix of an input hint key, followed by the input name. */
    public static final String INPUT = "assay.input.";
    /** Prefix of an output kind key ({@code classifier} or {@code values}), followed by the output name. */
    public static final String OUTPUT = "assay.output.";
    public static final String CLASSIFIER = "classifier";

    private InputHints() {
    }
}
