package io.github.absgd.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
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
        try (NDManager manager = NDManager.newBaseManager()) {
            ClassifierModel model = Models.create("mlp", spec);
            model.initialize(manager);
            // linear layers only: 20x16+16, 16x8+8, 8x3+3 (BatchNorm would add gamma, beta and running statistics)
            assertEquals(20 * 16 + 16 + 16 * 8 + 8 + 8 * 3 + 3, model.parameterCount(), "no BatchNorm parameters");
            assertEquals(6, model.block().getParameters().size(), "weight and bias of three linear layers, nothing else");
            NDArray input = manager.randomNormal(model.inputShape(64));
            ParameterStore store = new ParameterStore(manager, false);
            float[] inference = model.block().forward(store, new NDList(input), false).singletonOrThrow().toFloatArray();
            assertArrayEquals(inference, model.block().forward(store, new NDList(input), false).singletonOrThrow().toFloatArray(),
                    "inference: no dropout");
            float[] first = model.block().forward(store, new NDList(input), true).singletonOrThrow().toFloatArray();
            float[] second = model.block().forward(store, new NDList(input), true).singletonOrThrow().toFloatArray();
            assertFalse(Arrays.equals(first, second), "training: a fresh dropout mask on every pass");
            assertFalse(Arrays.equals(inference, first), "training output is not the inference output");
        }
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
