package io.github.absgd.model;

import ai.djl.nn.SequentialBlock;

/**
 * {@code small-cnn} of the Fashion-MNIST-LT recipe: conv3x3(c->32)-BN-ReLU, maxpool2,
 * conv3x3(32->64)-BN-ReLU, maxpool2, conv3x3(64->128)-BN-ReLU, global average pool, then the head
 * (linear 128->classes with bias, or cosine). The last block is the third conv-BN-ReLU.
 *
 * <p>Where a max pool follows, the ReLU is applied after it (the same function, gradients included;
 * see {@link Layers#maxPool2ThenRelu()}): about 5-8% off a training step, measured side by side.
 * The features run in channels-last memory layout ({@link ChannelsLastSequentialBlock}).
 */
final class SmallCnn {

    static final String NAME = "small-cnn";

    private SmallCnn() {}

    static ClassifierModel create(ModelSpec spec) {
        spec.requireImage(NAME);
        SequentialBlock lastBlock = Layers.convBnRelu(128, 1);
        SequentialBlock features = new ChannelsLastSequentialBlock()
                .add(Layers.convBnReluBeforePool(32))
                .add(Layers.maxPool2ThenRelu())
                .add(Layers.convBnReluBeforePool(64))
                .add(Layers.maxPool2ThenRelu())
                .add(lastBlock)
                .add(Layers.globalAveragePoolChannelsLast());
        return new ClassifierModel(NAME, spec, features, lastBlock);
    }
}
