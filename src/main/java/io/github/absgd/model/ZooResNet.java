package io.github.absgd.model;

import ai.djl.basicmodelzoo.cv.classification.ResNetV1;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import io.github.absgd.UserError;
import java.util.List;

/**
 * DJL model-zoo ResNets ({@code resnet18}, {@code resnet50}) for images larger than 32 pixels,
 * randomly initialised (no pretrained weights). DJL's builder ends with linear + flatten; both are
 * dropped and our own head put in their place. The last block is the last residual unit.
 *
 * <p>Note: DJL's ResNetV1 builds bottleneck units for every depth above 28 pixels, including 18.
 */
final class ZooResNet {

    private ZooResNet() {}

    static ClassifierModel create(String name, int layers, ModelSpec spec) {
        spec.requireImage(name);
        if (spec.height() <= 28) {
            throw new UserError("model " + name + " needs images larger than 28 pixels (got "
                    + spec.height() + "); use small-cnn or resnet32 for small images");
        }
        SequentialBlock features = ResNetV1.builder()
                .setImageShape(new Shape(spec.channels(), spec.height(), spec.width()))
                .setNumLayers(layers)
                .setOutSize(spec.classes())
                .build();
        // the zoo network ends with [..., globalAvgPool, flatten, linear, flatten]
        features.removeLastBlock();
        features.removeLastBlock();
        return new ClassifierModel(name, spec, features, lastResidualUnit(features));
    }

    private static Block lastResidualUnit(SequentialBlock features) {
        List<Block> children = features.getChildren().values();
        for (int i = children.size() - 1; i >= 0; i--) {
            if (children.get(i) instanceof ParallelBlock) {
                return children.get(i);
            }
        }
        throw new IllegalStateException("no residual unit in the DJL ResNet");
    }
}
