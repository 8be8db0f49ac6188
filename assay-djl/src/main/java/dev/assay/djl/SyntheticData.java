package dev.assay.djl;

import dev.assay.core.data.LabelledImages;
import java.util.SplittableRandom;

/**
 * Seeded synthetic data. Always labelled "synthetic" wherever it is used: its numbers are
 * not comparable with real-dataset numbers.
 */
final class SyntheticData {
    /** Fraction of labels replaced by a random class, so accuracy saturates below 100%. */
    static final double LABEL_NOISE = 0.05;

    private SyntheticData() {
    }

    /**
     * A 10-class 28x28 image task shaped like Fashion-MNIST: each class has a random
     * prototype image; a sample is {@code 0.5 + 0.25·(prototype - 0.5)} plus Gaussian pixel
     * noise (sigma 0.25), clipped to [0, 1], and 5% of labels are random (so accuracy
     * saturates near 95%). An MLP passes 85% within about half an epoch: it is a stand-in
     * that keeps every code path running, not a benchmark of its own.
     */
    static LabelledImages classification(int n, long seed) {
        int side = ClassifierNet.SIDE;
        int features = side * side;
        int classes = ClassifierNet.CLASSES;
        SplittableRandom protoRandom = new SplittableRandom(0x5EED_1AB5L); // prototypes fixed: train and test agree
        float[][] prototypes = new float[classes][features];
        for (float[] p : prototypes) {
            for (int j = 0; j < features; j++) {
                p[j] = (float) protoRandom.nextDouble();
            }
        }
        SplittableRandom r = new SplittableRandom(seed);
        float[][] images = new float[n][features];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int c = r.nextInt(classes);
            float[] p = prototypes[c];
            for (int j = 0; j < features; j++) {
                double v = 0.5 + 0.25 * (p[j] - 0.5) + 0.25 * r.nextGaussian();
                images[i][j] = (float) Math.min(1, Math.max(0, v));
            }
            labels[i] = r.nextDouble() < LABEL_NOISE ? r.nextInt(classes) : c;
        }
        return new LabelledImages(images, labels, side, side, classes);
    }

    /**
     * A sparse first-order Markov chain over {@code vocab} tokens: every token has four
     * possible successors with probabilities 0.55, 0.25, 0.15, 0.05 (entropy about 1.6 bits),
     * so a language model can learn it and its loss has a known floor.
     */
    static final class TokenChain {
        private static final double[] CUMULATIVE = {0.55, 0.80, 0.95, 1.0};
        private final int vocab;
        private final int[][] successors;
        private final SplittableRandom random;

        TokenChain(int vocab, long seed) {
            this.vocab = vocab;
            SplittableRandom structure = new SplittableRandom(seed ^ 0x7A11_C4A1L);
            successors = new int[vocab][CUMULATIVE.length];
            for (int t = 0; t < vocab; t++) {
                for (int k = 0; k < CUMULATIVE.length; k++) {
                    successors[t][k] = structure.nextInt(vocab);
                }
            }
            random = new SplittableRandom(seed);
        }

        /** Entropy of the next-token distribution in nats: the loss floor of a perfect bigram model. */
        static double entropyNats() {
            double[] p = {0.55, 0.25, 0.15, 0.05};
            double h = 0;
            for (double q : p) {
                h -= q * Math.log(q);
            }
            return h;
        }

        /** Fills {@code rows} sequences of {@code length} tokens each, row-major. */
        long[] sample(int rows, int length) {
            long[] out = new long[rows * length];
            for (int r = 0; r < rows; r++) {
                int token = random.nextInt(vocab);
                for (int i = 0; i < length; i++) {
                    out[r * length + i] = token;
                    double u = random.nextDouble();
                    int k = 0;
                    while (u > CUMULATIVE[k]) {
                        k++;
                    }
                    token = successors[token][k];
                }
            }
            return out;
        }
    }
}
