package io.github.absgd.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CosineHeadTest {

    @Test
    void logitsAreCosines() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ClassifierModel model = Models.create("small-cnn", ModelSpec.image(1, 28, 28, 10).withCosineHead(true));
            NDArray logits = Forward.logits(model, manager, 4);
            assertTrue(logits.abs().max().getFloat() <= 1f + 1e-5f);
            assertTrue(logits.abs().max().getFloat() > 0f);
        }
    }

    @Test
    void weightHasShapeFeaturesByClassesAndUnitColumns() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ClassifierModel model = Models.create("resnet32", ModelSpec.image(3, 32, 32, 10).withCosineHead(true));
            model.initialize(manager);
            NDArray weight = model.head().getParameters().get("weight").getArray();
            assertTrue(weight.getShape().equals(new Shape(64, 10)));
            float[] norms = weight.norm(new int[] {0}).toFloatArray();
            float[] ones = new float[10];
            Arrays.fill(ones, 1f);
            assertArrayEquals(ones, norms, 1e-5f);
        }
    }

    @Test
    void zeroFeaturesGiveZeroLogitsNotNaN() {
        try (NDManager manager = NDManager.newBaseManager()) {
            CosineHead head = new CosineHead(3);
            head.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(2, 5));
            NDArray out = head.forward(new ai.djl.training.ParameterStore(manager, false),
                    new ai.djl.ndarray.NDList(manager.zeros(new Shape(2, 5))), false).singletonOrThrow();
            assertArrayEquals(new float[6], out.toFloatArray(), 0f);
        }
    }
}
