package io.github.absgd.model;

import ai.djl.basicmodelzoo.cv.classification.ResNetV1;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import io.github.absgd.util.AbsgdException;
import java.util.List;

/**
 * DJL model-zoo ResNets ({@code resnet18}, {@code resnet50}) for images larger than 28 pixels,
 * randomly initialised (no pretrained weights). The last block is the last residual unit.
 *
 * <p>{@code resnet50} is DJL's {@code ResNetV1.builder()} network with its final linear + flatten
 * replaced by our head. {@code resnet18} is assembled from DJL's {@code ResNetV1.residualUnit} with
 * basic (two 3x3 conv) units, because DJL's builder makes every depth above 28 pixels out of
 * bottleneck units: its "resnet18" has 1.4M parameters at 224x224x1000 instead of the usual 11.7M.
 */
final class ZooResNet {

    private static final float BN_MOMENTUM = 0.9f;

    private ZooResNet() {}

    static ClassifierModel resnet50(ModelSpec spec) {
        requireLargeImage("resnet50", spec);
        SequentialBlock features = ResNetV1.builder()
                .setImageShape(new Shape(spec.channels(), spec.height(), spec.width()))
                .setNumLayers(50)
                .setOutSize(spec.classes())
                .build();
        // the zoo network ends with [..., globalAvgPool, flatten, linear, flatten]
        features.removeLastBlock();
        features.removeLastBlock();
        return new ClassifierModel("resnet50", spec, features, lastResidualUnit(features));
    }

    /** ImageNet stem, stages of 2 basic units with 64, 128, 256, 512 channels, global average pool. */
    static ClassifierModel resnet18(ModelSpec spec) {
        requireLargeImage("resnet18", spec);
        SequentialBlock features = new SequentialBlock()
                .add(Conv2d.builder()
                        .setKernelShape(new Shape(7, 7))
                        .setFilters(64)
                        .optStride(new Shape(2, 2))
                        .optPadding(new Shape(3, 3))
                        .optBias(false)
                        .build())
                .add(Layers.batchNorm())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
        int[] filters = {64, 128, 256, 512};
        for (int stage = 0; stage < filters.length; stage++) {
            int stride = stage == 0 ? 1 : 2;
            // as in DJL's builder, the first unit of each stage has a projection (1x1 conv) shortcut
            features.add(ResNetV1.residualUnit(filters[stage], new Shape(stride, stride), false, false, BN_MOMENTUM));
            features.add(ResNetV1.residualUnit(filters[stage], new Shape(1, 1), true, false, BN_MOMENTUM));
        }
        features.add(Layers.globalAveragePool());
        return new ClassifierModel("resnet18", spec, features, lastResidualUnit(features));
    }

    private static void requireLargeImage(String name, ModelSpec spec) {
        spec.requireImage(name);
        if (spec.height() <= 28) {
            throw new AbsgdException("model " + name + " needs images larger than 28 pixels (got "
                    + spec.height() + "); use small-cnn or resnet32 for small images");
        }
    }

    private static Block lastResidualUnit(SequentialBlock features) {
        List<Block> children = features.getChildren().values();
        for (int i = children.size() - 1; i >= 0; i--) {
            if (children.get(i) instanceof ParallelBlock) {
                return children.get(i);
            }
        }
        throw new IllegalStateException("no residual unit in the ResNet");
    }
}
