package io.github.absgd.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;

/**
 * The small building blocks the architectures share, spelled once.
 *
 * <p>Initialisation: DJL's default for WEIGHT parameters is Xavier(gaussian, fan-in, magnitude 2),
 * i.e. std = sqrt(2 / fan_in), which is exactly PyTorch's {@code kaiming_normal_} default; BatchNorm
 * gamma 1, beta 0; biases 0. BatchNorm momentum 0.9 in DJL's convention is PyTorch's 0.1.
 */
final class Layers {

    private Layers() {}

    /** 3x3 convolution, padding 1, no bias (BatchNorm follows and supplies the shift). */
    static Block conv3x3(int filters, int stride) {
        return Conv2d.builder()
                .setKernelShape(new Shape(3, 3))
                .setFilters(filters)
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(1, 1))
                .optBias(false)
                .build();
    }

    static Block batchNorm() {
        return BatchNorm.builder().optEpsilon(1e-5f).optMomentum(0.9f).build();
    }

    /** conv3x3 - BatchNorm - ReLU. */
    static SequentialBlock convBnRelu(int filters, int stride) {
        return new SequentialBlock().add(conv3x3(filters, stride)).add(batchNorm()).add(Activation.reluBlock());
    }

    static Block maxPool2() {
        return Pool.maxPool2dBlock(new Shape(2, 2));
    }

    /**
     * conv3x3 - BatchNorm - (ReLU deferred): for a stage that {@link #maxPool2ThenRelu()} follows.
     * The ReLU's place holds an identity block, so the block tree, and with it DJL's parameter file
     * layout, is that of {@link #convBnRelu}: checkpoints move freely between the two forms.
     */
    static SequentialBlock convBnReluBeforePool(int filters) {
        return new SequentialBlock()
                .add(conv3x3(filters, 1))
                .add(batchNorm())
                .add(new LambdaBlock(x -> x, "ReLU deferred past the pool"));
    }

    /**
     * 2x2 max pool, then ReLU: equal to ReLU then max pool (ReLU is monotone, so it commutes with
     * max), in value and in gradient, but the ReLU and its backward run on a 4x smaller tensor.
     */
    static Block maxPool2ThenRelu() {
        Shape two = new Shape(2, 2);
        return new LambdaBlock(
                x -> new NDList(Activation.relu(Pool.maxPool2d(x.singletonOrThrow(), two, two, new Shape(0, 0), false))),
                "maxPool2d then ReLU");
    }

    /** Global average pool then (batch, channels). */
    static SequentialBlock globalAveragePool() {
        return new SequentialBlock().add(Pool.globalAvgPool2dBlock()).add(Blocks.batchFlattenBlock());
    }

    /**
     * {@link #globalAveragePool()} for a channels-last input ({@link ChannelsLastSequentialBlock}):
     * the mean over the (H*W) rows of the NHWC matrix. Same value, but its gradient comes back in
     * channels-last layout too; libtorch's pool hands back an NCHW gradient, and the ReLU backward
     * that meets it and the NHWC activation took 4-7 ms of a small-cnn step (its own: 0.4 ms).
     */
    static SequentialBlock globalAveragePoolChannelsLast() {
        return new SequentialBlock()
                .add(new LambdaBlock(list -> {
                    NDArray x = list.singletonOrThrow();
                    Shape s = x.getShape();
                    return new NDList(x.transpose(0, 2, 3, 1).reshape(s.get(0), s.get(2) * s.get(3), s.get(1)).mean(new int[] {1}));
                }, "globalAvgPool2d, channels-last"))
                .add(Blocks.batchFlattenBlock());
    }
}
