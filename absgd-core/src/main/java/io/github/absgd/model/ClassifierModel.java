package io.github.absgd.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import java.util.function.Predicate;

/**
 * A classifier network split the way two-stage training needs it: a feature extractor that ends
 * in a (batch, features) vector, and a classifier head on top. The extractor's {@link #lastBlock()}
 * is the part a "classifier plus last block" fine-tuning also trains.
 *
 * <p>{@link #block()} is what goes into a DJL {@code Model}; {@link #head()} and
 * {@link #lastBlock()} are children of it, so freezing them acts on the same parameters.
 */
public final class ClassifierModel {

    /** Parameters an optimizer may update: everything except BatchNorm's running statistics. */
    public static final Predicate<Parameter> LEARNABLE =
            p -> p.getType() != Parameter.Type.RUNNING_MEAN && p.getType() != Parameter.Type.RUNNING_VAR;

    private final String name;
    private final ModelSpec spec;
    private final SequentialBlock network;
    private final Block features;
    private final Block lastBlock;
    private final Block head;

    ClassifierModel(String name, ModelSpec spec, Block features, Block lastBlock) {
        this.name = name;
        this.spec = spec;
        this.features = features;
        this.lastBlock = lastBlock;
        this.head = Heads.create(spec);
        this.network = new SequentialBlock().add(features).add(head);
    }

    /** The registry name this model was created under, e.g. {@code small-cnn}. */
    public String name() {
        return name;
    }

    public ModelSpec spec() {
        return spec;
    }

    /** The whole network: features then head; input (batch, ...spec shape), output logits. */
    public Block block() {
        return network;
    }

    /** The feature extractor, output (batch, features). */
    public Block features() {
        return features;
    }

    /** The classifier head (linear or cosine), input (batch, features), output logits. */
    public Block head() {
        return head;
    }

    /** The last block of the feature extractor (trained with the head in "last-block" fine-tuning). */
    public Block lastBlock() {
        return lastBlock;
    }

    /** The DJL shape of a batch of {@code batchSize} inputs. */
    public Shape inputShape(long batchSize) {
        return spec.batchShape(batchSize);
    }

    /** Creates the parameters in {@code manager} (float32) unless already there, drawn as DJL does ({@link WeightInit#HE}). */
    public void initialize(NDManager manager) {
        initialize(manager, WeightInit.HE);
    }

    /** Creates the parameters in {@code manager} (float32) with the convolution and linear weights drawn under {@code init}. */
    public void initialize(NDManager manager, WeightInit init) {
        network.initialize(manager, DataType.FLOAT32, inputShape(1));
        if (init != WeightInit.HE) { // HE is what DJL has just drawn
            init.redraw(network);
        }
    }

    /** Number of learnable values (BatchNorm running statistics excluded); needs initialisation. */
    public long parameterCount() {
        return countParameters(network, LEARNABLE);
    }

    /** Number of values in the parameters of {@code block} that pass {@code filter}. */
    public static long countParameters(Block block, Predicate<Parameter> filter) {
        return block.getParameters().values().stream()
                .filter(filter)
                .mapToLong(p -> p.getShape().size())
                .sum();
    }

    /**
     * Floating-point operations of one image's forward pass: 2 x the multiply-adds of the
     * convolution and linear layers (BatchNorm, ReLU, pooling not counted). Needs initialisation.
     */
    public long forwardFlopsPerImage() {
        return FlopCounter.forwardFlopsPerSample(network);
    }

    /**
     * Draws fresh values for the head's parameters under {@code init} (a cosine head from its own
     * initializer), in place: the arrays keep their identity, so a DJL Trainer or optimizer
     * holding them sees the new values. (Optimizer state such as momentum is not touched; that is
     * the trainer's business.)
     */
    public void reinitializeHead(WeightInit init) {
        init.redraw(head);
    }

    /** Freezes every parameter outside {@code scope} and unfreezes the learnable ones inside it. */
    public void restrictTraining(TrainableScope scope) {
        network.freezeParameters(true);
        for (Block trainable : scope.trainableBlocks(this)) {
            trainable.freezeParameters(false, LEARNABLE);
        }
    }

    @Override
    public String toString() {
        return name + " " + spec.inputShape() + " -> " + spec.classes() + (spec.cosineHead() ? " (cosine head)" : "");
    }
}
