package io.github.absgd.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/**
 * One training-mode backward pass through resnet32 (the in-place residual add and the option A
 * shortcut) with a cosine head: every learnable parameter gets a finite, non-zero gradient.
 * Tests that open a GradientCollector (one per JVM at a time) run one after another (forkCount 1).
 */
class BackwardTest {

    @Test
    void gradientsReachEveryLearnableParameter() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ClassifierModel model = Models.create("resnet32", ModelSpec.image(3, 32, 32, 4).withCosineHead(true));
            model.initialize(manager);
            NDArray input = manager.randomNormal(model.inputShape(2));
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logits = model.block()
                        .forward(new ParameterStore(manager, false), new NDList(input), true)
                        .singletonOrThrow();
                collector.backward(logits.mul(logits).sum());
            }
            for (Parameter p : model.block().getParameters().values()) {
                if (ClassifierModel.LEARNABLE.test(p)) {
                    NDArray grad = p.getArray().getGradient();
                    float size = grad.abs().sum().getFloat();
                    assertTrue(Float.isFinite(size) && size > 0f, p.getName() + " gradient " + size);
                }
            }
        }
    }
}
