package io.github.absgd.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelShapesTest {

    private static Shape logitsShape(String name, ModelSpec spec) {
        try (NDManager manager = NDManager.newBaseManager()) {
            return Forward.logits(Models.create(name, spec), manager, 2).getShape();
        }
    }

    @Test
    void smallCnnOnFashionMnist() {
        assertEquals(new Shape(2, 10), logitsShape("small-cnn", ModelSpec.image(1, 28, 28, 10)));
    }

    @Test
    void smallCnnOnThreeChannelsWithCosineHead() {
        assertEquals(new Shape(2, 7), logitsShape("small-cnn", ModelSpec.image(3, 32, 32, 7).withCosineHead(true)));
    }

    @Test
    void resnet32OnCifar() {
        assertEquals(new Shape(2, 100), logitsShape("resnet32", ModelSpec.image(3, 32, 32, 100)));
    }

    @Test
    void mlpOnTabularWithDropoutAndNoBatchNorm() {
        ModelSpec spec = ModelSpec.tabular(20, 3).withHiddenSizes(List.of(16, 8)).withDropout(0.5f).withBatchNorm(false);
        assertEquals(new Shape(2, 3), logitsShape("mlp", spec));
    }

    @Test
    void mlpFlattensImages() {
        assertEquals(new Shape(2, 10), logitsShape("mlp", ModelSpec.image(1, 8, 8, 10)));
    }

    @Test
    void zooResNetsOnLargerImages() {
        assertEquals(new Shape(2, 5), logitsShape("resnet18", ModelSpec.image(3, 40, 40, 5)));
        assertEquals(new Shape(2, 5), logitsShape("resnet50", ModelSpec.image(3, 40, 40, 5).withCosineHead(true)));
    }
}
