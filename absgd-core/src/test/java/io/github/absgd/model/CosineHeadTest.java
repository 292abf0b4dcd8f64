package io.github.absgd.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CosineHeadTest {

    @Test
    void logitsAreCosines() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ClassifierModel model = Models.create("small-cnn", ModelSpec.image(1, 28, 28, 10).withCosineHead(true));
            model.initialize(manager);
            // columns of different lengths: a head that skipped normalising W would no longer give cosines
            NDArray weight = model.head().getParameters().get("weight").getArray();
            weight.muli(manager.arange(1f, 11f).reshape(1, 10));
            NDArray input = manager.randomNormal(model.inputShape(4));
            ParameterStore store = new ParameterStore(manager, false);
            float[] logits = model.block().forward(store, new NDList(input), false).singletonOrThrow().toFloatArray();
            float[] f = model.features().forward(store, new NDList(input), false).singletonOrThrow().toFloatArray();
            float[] w = weight.toFloatArray(); // (128, 10)
            assertEquals(4 * 10, logits.length);
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 10; j++) {
                    double dot = 0;
                    double featureNorm = 0;
                    double columnNorm = 0;
                    for (int k = 0; k < 128; k++) {
                        dot += (double) f[i * 128 + k] * w[k * 10 + j];
                        featureNorm += (double) f[i * 128 + k] * f[i * 128 + k];
                        columnNorm += (double) w[k * 10 + j] * w[k * 10 + j];
                    }
                    double cosine = dot / Math.sqrt(featureNorm * columnNorm);
                    assertEquals(cosine, logits[i * 10 + j], 1e-5, "sample " + i + " class " + j);
                }
            }
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
            NDArray out = head.forward(new ParameterStore(manager, false),
                    new NDList(manager.zeros(new Shape(2, 5))), false).singletonOrThrow();
            assertArrayEquals(new float[6], out.toFloatArray(), 0f);
        }
    }
}
