package io.github.absgd.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;

/**
 * Counts the forward FLOPs of an initialised network from the shapes its blocks were initialised
 * with: 2 x multiply-adds of convolutions, linear layers and the cosine head. Element-wise layers
 * (BatchNorm, ReLU, pooling, shortcuts) are left out, as is usual when reporting model FLOPs.
 */
final class FlopCounter {

    private FlopCounter() {}

    static long forwardFlopsPerSample(Block network) {
        if (!network.isInitialized()) {
            throw new IllegalStateException("initialise the model before counting its FLOPs");
        }
        return 2 * multiplyAddsPerSample(network);
    }

    private static long multiplyAddsPerSample(Block block) {
        long own = 0;
        if (block instanceof Convolution || block instanceof Linear || block instanceof CosineHead) {
            own = weightSize(block) * positionsPerSample(block);
        }
        long children = block.getChildren().values().stream()
                .mapToLong(FlopCounter::multiplyAddsPerSample)
                .sum();
        return own + children;
    }

    /** Each output position of a conv (or each row of a linear input) costs one weight's worth. */
    private static long positionsPerSample(Block block) {
        Shape input = block.getInputShapes()[0];
        Shape output = block.getOutputShapes(new Shape[] {input})[0];
        if (block instanceof Convolution) {
            // (batch, channels, spatial...) -> spatial positions per sample
            return output.size() / (output.get(0) * output.get(1));
        }
        // (batch, ..., units) -> rows per sample
        return output.size() / (output.get(0) * output.get(output.dimension() - 1));
    }

    private static long weightSize(Block block) {
        Parameter weight = block.getDirectParameters().get("weight");
        return weight.getShape().size();
    }
}
