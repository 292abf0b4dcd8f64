package io.github.absgd.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The two weight initialisations: DJL's He-normal, and PyTorch's default uniform. */
class WeightInitTest {

    @Test
    void pytorchDrawsEveryConvAndLinearParameterUniformlyWithinOneOverRootFanIn() {
        Engine.getInstance().setRandomSeed(5);
        for (String name : new String[] {"small-cnn", "resnet32", "mlp"}) {
            try (NDManager manager = NDManager.newBaseManager()) {
                ClassifierModel model = created(name);
                model.initialize(manager, WeightInit.PYTORCH);
                List<Block> layers = layers(model.block());
                assertTrue(layers.size() >= 3, name);
                for (Block layer : layers) {
                    NDArray weight = layer.getParameters().get("weight").getArray();
                    double fanIn = (double) weight.getShape().size() / weight.getShape().get(0);
                    double bound = 1 / Math.sqrt(fanIn);
                    for (Parameter parameter : layer.getParameters().values()) {
                        float[] values = parameter.getArray().toFloatArray();
                        double max = 0;
                        double sumSquares = 0;
                        for (float v : values) {
                            max = Math.max(max, Math.abs(v));
                            sumSquares += (double) v * v;
                        }
                        String what = name + " " + parameter.getName() + " " + parameter.getArray().getShape();
                        assertTrue(max <= bound + 1e-6 && max > 0, what + ": max |w| " + max + ", bound " + bound);
                        if (values.length >= 64) { // P(all |w| < bound/2) = 2^-64
                            assertTrue(max > 0.5 * bound, what + ": max |w| " + max + ", bound " + bound);
                        }
                        if (values.length >= 1000) { // std of U(-b, b) is b/sqrt(3)
                            assertEquals(bound / Math.sqrt(3), Math.sqrt(sumSquares / values.length), 0.1 * bound, what);
                        }
                        assertTrue(parameter.getArray().hasGradient(), what);
                    }
                }
            }
        }
    }

    @Test
    void heIsDjlsOwnDrawUntouched() {
        float[] plain = headWeights((model, manager) -> model.initialize(manager));
        float[] he = headWeights((model, manager) -> model.initialize(manager, WeightInit.HE));
        assertArrayEquals(plain, he);
        double sumSquares = 0;
        for (float v : he) {
            sumSquares += (double) v * v;
        }
        assertEquals(Math.sqrt(2.0 / 128), Math.sqrt(sumSquares / he.length), 0.03, "He std sqrt(2/fan_in)");
    }

    @Test
    void batchNormKeepsOnesAndZerosUnderPytorch() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ClassifierModel model = created("small-cnn");
            model.initialize(manager, WeightInit.PYTORCH);
            int seen = 0;
            for (Block norm : blocksOf(model.block(), BatchNorm.class)) {
                assertTrue(norm.getParameters().get("gamma").getArray().eq(1f).all().getBoolean());
                assertTrue(norm.getParameters().get("beta").getArray().eq(0f).all().getBoolean());
                seen++;
            }
            assertEquals(3, seen);
        }
    }

    @Test
    void aPytorchHeadIsRedrawnInTheSameArraysWithAUniformBias() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ClassifierModel model = created("small-cnn");
            model.initialize(manager);
            NDArray bias = model.head().getParameters().get("bias").getArray();
            assertTrue(bias.eq(0f).all().getBoolean(), "He biases start at 0");
            model.reinitializeHead(WeightInit.PYTORCH);
            assertSame(bias, model.head().getParameters().get("bias").getArray());
            float max = bias.abs().max().getFloat();
            assertTrue(max > 0 && max <= 1 / Math.sqrt(128) + 1e-6, "bias max " + max);
            assertTrue(bias.hasGradient());
        }
    }

    /** The head's weights of a small-cnn initialised by {@code initialise} from a fixed seed. */
    private static float[] headWeights(java.util.function.BiConsumer<ClassifierModel, NDManager> initialise) {
        Engine.getInstance().setRandomSeed(11);
        try (NDManager manager = NDManager.newBaseManager()) {
            ClassifierModel model = created("small-cnn");
            initialise.accept(model, manager);
            return model.head().getParameters().get("weight").getArray().toFloatArray();
        }
    }

    private static ClassifierModel created(String name) {
        return Models.create(name, name.equals("mlp") ? ModelSpec.tabular(300, 4) : ModelSpec.image(1, 28, 28, 10));
    }

    private static List<Block> layers(Block block) {
        List<Block> layers = blocksOf(block, Convolution.class);
        layers.addAll(blocksOf(block, Linear.class));
        return layers;
    }

    private static List<Block> blocksOf(Block block, Class<?> type) {
        List<Block> found = new ArrayList<>();
        if (type.isInstance(block)) {
            found.add(block);
        }
        block.getChildren().values().forEach(child -> found.addAll(blocksOf(child, type)));
        return found;
    }
}
