package io.github.absgd.model;

import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import io.github.absgd.util.AbsgdException;

/**
 * {@code mlp} for tabular data: for each hidden size, linear - [BatchNorm] - ReLU - [dropout], then
 * the head. Inputs of more than one axis are flattened first. The last block is the last hidden
 * layer. Linear weights use DJL's default (Kaiming normal, fan-in), biases 0.
 */
final class Mlp {

    static final String NAME = "mlp";

    private Mlp() {}

    static ClassifierModel create(ModelSpec spec) {
        if (spec.hiddenSizes().isEmpty()) {
            throw new AbsgdException("model mlp needs at least one hidden size");
        }
        SequentialBlock features = new SequentialBlock();
        if (spec.inputShape().size() > 1) {
            features.add(Blocks.batchFlattenBlock());
        }
        SequentialBlock layer = null;
        for (int width : spec.hiddenSizes()) {
            layer = hiddenLayer(width, spec);
            features.add(layer);
        }
        return new ClassifierModel(NAME, spec, features, layer);
    }

    private static SequentialBlock hiddenLayer(int width, ModelSpec spec) {
        SequentialBlock layer = new SequentialBlock().add(Linear.builder().setUnits(width).optBias(true).build());
        if (spec.batchNorm()) {
            layer.add(Layers.batchNorm());
        }
        layer.add(Activation.reluBlock());
        if (spec.dropout() > 0f) {
            layer.add(Dropout.builder().optRate(spec.dropout()).build());
        }
        return layer;
    }
}
