package dev.assay.djl;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * One model under training: DJL model, trainer, loss (softmax cross-entropy) and the
 * optimiser step. Callers build each step's micro-batches in a {@link NDManager} from
 * {@link #newBatchManager()} outside the timed region, then time {@link #step}.
 *
 * <p>FP32: DJL's trainer does the update. Mixed precision (FP16): DJL 0.35 has no autocast,
 * and its {@code toType} cast does not carry gradients, so the recipe is the master-weight
 * one instead: the model itself (weights, activations, gradients) is FP16; an FP32 master
 * copy of every weight and the optimiser state live outside it; each step the FP16
 * gradients are widened, unscaled and applied to the masters, which are then rounded back
 * into the model. The loss is scaled dynamically: start at
 * {@link PrecisionRecipe#FP16_LOSS_SCALE}, on a non-finite gradient skip the step and halve
 * the scale, after {@link #SCALE_GROWTH_INTERVAL} clean steps double it.
 */
final class TrainingSession implements AutoCloseable {
    /** Clean steps after which the dynamic loss scale doubles. */
    static final int SCALE_GROWTH_INTERVAL = 200;

    /** One micro-batch: inputs (FP32 features or int64 tokens) and integer class labels (int64). */
    record MicroBatch(NDArray input, NDArray labels) {
    }

    private final Model model;
    private final Trainer trainer;
    private final Loss loss;
    private final long parameterCount;
    private final DataType compute;
    /** Mixed precision only: (model parameter, FP32 master) pairs and the optimiser that updates the masters. */
    private final List<Pair<Parameter, NDArray>> masters = new ArrayList<>();
    private final Optimizer masterOptimizer;
    private float lossScale;
    private int cleanSteps;
    private int skippedSteps;
    private long lastActivationBytes = -1;

    /**
     * @param block       the network
     * @param inputShape  shape of one micro-batch input (batch axis first)
     * @param options     optimiser and learning rate
     * @param recipe      precision recipe
     * @param seed        seeds PyTorch's generator before weights are initialised
     */
    TrainingSession(String name, Block block, Shape inputShape, TrainingOptions options, PrecisionRecipe recipe,
                    long seed) {
        Engine.getEngine(DjlRuntime.ENGINE_NAME).setRandomSeed((int) seed);
        compute = recipe.compute();
        lossScale = recipe.lossScale();
        model = Model.newInstance(name, Device.cpu(), DjlRuntime.ENGINE_NAME);
        model.setDataType(compute); // parameters are created in this type
        model.setBlock(block);
        loss = new SoftmaxCrossEntropyLoss("loss");
        DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
                .optOptimizer(optimizer(options, 1f))
                .optDevices(new Device[] {Device.cpu()});
        trainer = model.newTrainer(config);
        trainer.initialize(inputShape);
        long count = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            count += p.getValue().getArray().size();
            if (mixed()) {
                NDArray master = p.getValue().getArray().toType(DataType.FLOAT32, true);
                master.attach(trainer.getManager());
                masters.add(new Pair<>(p.getValue(), master));
            }
        }
        parameterCount = count;
        masterOptimizer = mixed() ? optimizer(options, 1f) : null;
    }

    private boolean mixed() {
        return compute != DataType.FLOAT32;
    }

    static Optimizer optimizer(TrainingOptions options, float rescale) {
        Tracker lr = Tracker.fixed(options.learningRate());
        return switch (options.optimizer()) {
            case "adam" -> Optimizer.adam().optLearningRateTracker(lr).setRescaleGrad(rescale).build();
            case "sgd" -> Optimizer.sgd().setLearningRateTracker(lr).optMomentum(0.9f).setRescaleGrad(rescale).build();
            default -> throw new IllegalArgumentException("unknown optimizer " + options.optimizer());
        };
    }

    /** Disclosure of the optimiser, e.g. "Adam (beta1 0.9, beta2 0.999, eps 1e-8), lr 0.001 fixed". */
    static String describeOptimizer(TrainingOptions options) {
        return switch (options.optimizer()) {
            case "adam" -> "Adam (DJL defaults: beta1 0.9, beta2 0.999, epsilon 1e-8), lr " + options.learningRate()
                    + " fixed";
            case "sgd" -> "SGD with momentum 0.9, lr " + options.learningRate() + " fixed";
            default -> options.optimizer();
        };
    }

    long parameterCount() {
        return parameterCount;
    }

    /** Bytes of the tensors the last {@link #step} with {@code measureActivations} left in the batch manager. */
    long lastActivationBytes() {
        return lastActivationBytes;
    }

    /** Mixed precision: steps skipped because the scaled gradients overflowed. */
    int skippedSteps() {
        return skippedSteps;
    }

    /** Current loss scale (1 for FP32). */
    float lossScale() {
        return lossScale;
    }

    NDManager newBatchManager() {
        return trainer.getManager().newSubManager();
    }

    /**
     * One optimiser step: forward, loss and backward for every micro-batch (PyTorch adds the
     * gradients up), then one update. Each micro-batch loss is divided by the number of
     * micro-batches so the update equals that of the global batch, and multiplied by the
     * loss scale (mixed precision), which the master update divides out again.
     *
     * @return the mean loss over the global batch
     */
    float step(List<MicroBatch> micro, boolean measureActivations) {
        float total = 0;
        try (GradientCollector collector = trainer.newGradientCollector()) {
            for (MicroBatch mb : micro) {
                NDList pred = trainer.forward(new NDList(toCompute(mb.input())));
                NDArray logits = pred.singletonOrThrow();
                if (logits.getShape().dimension() > 2) { // LM: [B, T, V] -> [B*T, V]
                    logits = logits.reshape(-1, logits.getShape().get(logits.getShape().dimension() - 1));
                }
                NDArray l = loss.evaluate(new NDList(mb.labels().reshape(-1)), new NDList(logits));
                if (measureActivations) {
                    lastActivationBytes = liveBytes(mb.input().getManager(), mb);
                }
                total += l.toType(DataType.FLOAT32, false).getFloat();
                float scale = lossScale / micro.size();
                collector.backward(scale == 1f ? l : l.mul(scale));
            }
        }
        if (mixed()) {
            updateMasters();
        } else {
            trainer.step();
        }
        return total / micro.size();
    }

    /** Widen and unscale the FP16 gradients, update the FP32 masters, round them back into the model. */
    private void updateMasters() {
        try (NDManager scratch = trainer.getManager().newSubManager()) {
            List<NDArray> grads = new ArrayList<>(masters.size());
            boolean finite = true;
            for (Pair<Parameter, NDArray> pm : masters) {
                NDArray g = pm.getKey().getArray().getGradient();
                g.attach(scratch);
                NDArray wide = g.toType(DataType.FLOAT32, true).div(lossScale);
                finite &= wide.isInfinite().logicalOr(wide.isNaN()).none().getBoolean();
                grads.add(wide);
            }
            if (finite) {
                for (int i = 0; i < masters.size(); i++) {
                    Pair<Parameter, NDArray> pm = masters.get(i);
                    masterOptimizer.update(pm.getKey().getId(), pm.getValue(), grads.get(i));
                    NDArray weight = pm.getKey().getArray();
                    // In place (grad mode is off outside the collector), so the model keeps the same tensor.
                    weight.muli(0).addi(pm.getValue().toType(compute, false));
                }
                if (++cleanSteps >= SCALE_GROWTH_INTERVAL) {
                    lossScale *= 2;
                    cleanSteps = 0;
                }
            } else {
                skippedSteps++;
                lossScale = Math.max(1f, lossScale / 2);
                cleanSteps = 0;
            }
            for (Pair<Parameter, NDArray> pm : masters) {
                NDArray g = pm.getKey().getArray().getGradient();
                g.subi(g); // gradients accumulate in PyTorch; clear them for the next step
                g.attach(scratch);
            }
        }
    }

    private NDArray toCompute(NDArray input) {
        // Only features are cast (no gradient flows into the input); token ids stay int64.
        return input.getDataType() == DataType.FLOAT32 && compute != DataType.FLOAT32
                ? input.toType(compute, false) : input;
    }

    /** Forward pass without gradient tracking; returns logits. */
    NDArray predict(NDArray input) {
        return trainer.evaluate(new NDList(toCompute(input))).singletonOrThrow();
    }

    private static long liveBytes(NDManager manager, MicroBatch exclude) {
        long bytes = 0;
        for (NDArray a : manager.getManagedArrays()) {
            if (a != exclude.input() && a != exclude.labels()) {
                bytes += a.size() * a.getDataType().getNumOfBytes();
            }
        }
        return bytes;
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }
}
