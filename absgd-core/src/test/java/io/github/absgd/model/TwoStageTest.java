package io.github.absgd.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Freezing for stage-2 fine-tuning and re-initialising the classifier. */
class TwoStageTest {

    @Test
    void classifierScopeTrainsOnlyTheHead() {
        for (String name : new String[] {"small-cnn", "resnet32", "mlp"}) {
            try (NDManager manager = NDManager.newBaseManager()) {
                ClassifierModel model = initialised(name, manager);
                model.restrictTraining(TrainableScope.CLASSIFIER);
                assertEquals(learnableIds(model.head()), trainableIds(model.block()), name);
            }
        }
    }

    @Test
    void lastBlockScopeTrainsHeadAndLastBlock() {
        for (String name : new String[] {"small-cnn", "resnet32", "mlp"}) {
            try (NDManager manager = NDManager.newBaseManager()) {
                ClassifierModel model = initialised(name, manager);
                model.restrictTraining(TrainableScope.LAST_BLOCK);
                Set<String> expected = learnableIds(model.head());
                expected.addAll(learnableIds(model.lastBlock()));
                assertFalse(learnableIds(model.lastBlock()).isEmpty(), name);
                assertEquals(expected, trainableIds(model.block()), name);
            }
        }
    }

    @Test
    void allScopeUnfreezesEverythingButRunningStatistics() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ClassifierModel model = initialised("resnet32", manager);
            model.restrictTraining(TrainableScope.CLASSIFIER);
            model.restrictTraining(TrainableScope.ALL);
            assertEquals(learnableIds(model.block()), trainableIds(model.block()));
            for (Parameter p : model.block().getParameters().values()) {
                assertEquals(p.requiresGradient(), p.getArray().hasGradient(), p.getName());
            }
        }
    }

    @Test
    void reinitialisedHeadGetsFreshValuesInTheSameArrays() {
        for (boolean cosine : new boolean[] {false, true}) {
            try (NDManager manager = NDManager.newBaseManager()) {
                ClassifierModel model = Models.create("small-cnn", ModelSpec.image(1, 28, 28, 10).withCosineHead(cosine));
                model.initialize(manager);
                NDArray weight = model.head().getParameters().get("weight").getArray();
                float[] before = weight.toFloatArray();
                model.reinitializeHead(WeightInit.HE);
                assertSame(weight, model.head().getParameters().get("weight").getArray());
                float[] after = weight.toFloatArray();
                for (int i = 0; i < after.length; i++) {
                    assertNotEquals(before[i], after[i], "weight[" + i + "] redrawn");
                }
                if (cosine) { // a cosine head's columns are unit vectors again
                    float[] norms = weight.norm(new int[] {0}).toFloatArray();
                    for (float norm : norms) {
                        assertEquals(1f, norm, 1e-5f);
                    }
                }
                assertTrue(weight.hasGradient());
            }
        }
    }

    private static ClassifierModel initialised(String name, NDManager manager) {
        ModelSpec spec = name.equals("mlp") ? ModelSpec.tabular(12, 4) : ModelSpec.image(3, 32, 32, 4);
        ClassifierModel model = Models.create(name, spec);
        model.initialize(manager);
        return model;
    }

    private static Set<String> learnableIds(Block block) {
        return block.getParameters().values().stream()
                .filter(ClassifierModel.LEARNABLE)
                .map(Parameter::getId)
                .collect(Collectors.toSet());
    }

    private static Set<String> trainableIds(Block block) {
        return block.getParameters().values().stream()
                .filter(Parameter::requiresGradient)
                .map(Parameter::getId)
                .collect(Collectors.toSet());
    }
}
