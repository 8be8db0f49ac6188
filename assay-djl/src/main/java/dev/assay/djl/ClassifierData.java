package dev.assay.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.assay.core.data.LabelledImages;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Training and test data of a classifier workload, with where it came from, and the batch
 * assembly (seeded shuffle per epoch, copy into tensors) done outside the timed region.
 *
 * @param train      training split
 * @param test       test split
 * @param source     one line for disclosure
 * @param synthetic  true when this is the synthetic stand-in task
 */
record ClassifierData(LabelledImages train, LabelledImages test, String source, boolean synthetic) {
    /** Size of the synthetic stand-in (train, test). */
    static final int SYNTHETIC_TRAIN = 12_000;
    static final int SYNTHETIC_TEST = 2_000;

    static ClassifierData synthetic(String why, long seed) {
        return new ClassifierData(SyntheticData.classification(SYNTHETIC_TRAIN, seed),
                SyntheticData.classification(SYNTHETIC_TEST, seed + 1),
                "synthetic (" + why + "): 10 classes of noisy 28x28 prototypes, " + SYNTHETIC_TRAIN + " train / "
                        + SYNTHETIC_TEST + " test", true);
    }

    /** Endless seeded sequence of training indexes, reshuffled each epoch. */
    static final class Order {
        private final int n;
        private final SplittableRandom random;
        private int[] perm;
        private int pos;
        private int epoch;

        Order(int n, long seed) {
            this.n = n;
            this.random = new SplittableRandom(seed);
            reshuffle();
        }

        private void reshuffle() {
            perm = new int[n];
            for (int i = 0; i < n; i++) {
                perm[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            pos = 0;
        }

        /** Next index; a new epoch starts (and is counted) when the permutation runs out. */
        int next() {
            if (pos == n) {
                epoch++;
                reshuffle();
            }
            return perm[pos++];
        }

        /** Completed epochs. */
        int epoch() {
            return epoch;
        }

        /** Fraction of the current epoch consumed. */
        double epochFraction() {
            return epoch + (double) pos / n;
        }
    }

    /** Builds {@code parts} micro-batches of {@code microBatch} samples each in {@code manager}. */
    List<TrainingSession.MicroBatch> batch(NDManager manager, Order order, int microBatch, int parts, Shape sample) {
        int features = train.features();
        List<TrainingSession.MicroBatch> out = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            float[] x = new float[microBatch * features];
            long[] y = new long[microBatch];
            for (int i = 0; i < microBatch; i++) {
                int idx = order.next();
                System.arraycopy(train.images()[idx], 0, x, i * features, features);
                y[i] = train.labels()[idx];
            }
            out.add(new TrainingSession.MicroBatch(manager.create(x, withBatch(microBatch, sample)),
                    manager.create(y)));
        }
        return out;
    }

    /** Test accuracy of the session's model, evaluated in chunks without gradients. */
    double testAccuracy(TrainingSession session, NDManager parent, Shape sample) {
        int chunk = 1000;
        int features = test.features();
        int correct = 0;
        for (int from = 0; from < test.size(); from += chunk) {
            int n = Math.min(chunk, test.size() - from);
            try (NDManager m = parent.newSubManager()) {
                float[] x = new float[n * features];
                for (int i = 0; i < n; i++) {
                    System.arraycopy(test.images()[from + i], 0, x, i * features, features);
                }
                NDArray logits = session.predict(m.create(x, withBatch(n, sample)));
                long[] predicted = logits.argMax(1).toLongArray();
                for (int i = 0; i < n; i++) {
                    if (predicted[i] == test.labels()[from + i]) {
                        correct++;
                    }
                }
            }
        }
        return (double) correct / test.size();
    }

    static Shape withBatch(long batch, Shape sample) {
        long[] dims = new long[sample.dimension() + 1];
        dims[0] = batch;
        System.arraycopy(sample.getShape(), 0, dims, 1, sample.dimension());
        return new Shape(dims);
    }
}
