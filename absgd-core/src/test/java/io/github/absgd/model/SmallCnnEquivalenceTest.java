package io.github.absgd.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * small-cnn applies ReLU after each max pool and runs in channels-last memory layout; against the
 * textbook network (ReLU then pool, NCHW) loaded from the same parameter file, logits, gradients
 * and BatchNorm running statistics agree up to float rounding, and the file layout is shared.
 */
class SmallCnnEquivalenceTest {

    /** Relative tolerance: float32 sums taken in another order, through three conv-BN layers. */
    private static final double TOLERANCE = 1e-4;

    /**
     * The weights and the input are drawn from a fixed seed. Unseeded, about 1 draw in 20 failed:
     * among the ~700,000 BatchNorm outputs that meet a ReLU, one lies within float rounding of 0,
     * the two networks' kernels round it to opposite sides, and that single ReLU mask bit moves the
     * gradients of its channel by a few percent (logits and running statistics still agree to 1e-6).
     * That is ReLU's kink, not a difference between the networks; with this seed no value sits on
     * it and the largest relative difference is 2e-5.
     */
    private static final int SEED = 20;

    private static ClassifierModel reluThenPool(ModelSpec spec) {
        SequentialBlock lastBlock = Layers.convBnRelu(128, 1);
        SequentialBlock features = new SequentialBlock()
                .add(Layers.convBnRelu(32, 1))
                .add(Layers.maxPool2())
                .add(Layers.convBnRelu(64, 1))
                .add(Layers.maxPool2())
                .add(lastBlock)
                .add(Layers.globalAveragePool());
        return new ClassifierModel("relu-then-pool", spec, features, lastBlock);
    }

    @Test
    void sameFunctionAndGradientsAsTheTextbookNetwork() throws IOException, MalformedModelException {
        ModelSpec spec = ModelSpec.image(1, 28, 28, 10);
        Engine.getInstance().setRandomSeed(SEED);
        try (NDManager manager = NDManager.newBaseManager()) {
            ClassifierModel textbook = reluThenPool(spec);
            textbook.initialize(manager);
            ClassifierModel fast = Models.create("small-cnn", spec);
            fast.initialize(manager);
            fast.block().loadParameters(manager, new DataInputStream(new ByteArrayInputStream(save(textbook))));
            for (Parameter p : fast.block().getParameters().values()) {
                if (p.requiresGradient()) { // loaded arrays come without the autograd flag
                    p.getArray().setRequiresGradient(true);
                }
            }
            assertArrayEquals(save(textbook), save(fast), "one parameter file layout");

            NDArray input = manager.randomNormal(fast.inputShape(16));
            float[] textbookLogits = trainingForwardBackward(textbook, input, manager);
            float[] fastLogits = trainingForwardBackward(fast, input, manager);
            assertClose(textbookLogits, fastLogits, "logits");

            List<Parameter> expected = textbook.block().getParameters().values();
            List<Parameter> actual = fast.block().getParameters().values();
            assertEquals(expected.size(), actual.size());
            for (int i = 0; i < expected.size(); i++) {
                NDArray want = expected.get(i).getArray();
                NDArray got = actual.get(i).getArray();
                String name = actual.get(i).getName() + " #" + i;
                if (ClassifierModel.LEARNABLE.test(actual.get(i))) {
                    assertClose(want.getGradient().toFloatArray(), got.getGradient().toFloatArray(), name + " gradient");
                } else { // running statistics, updated by the training-mode forward
                    assertClose(want.toFloatArray(), got.toFloatArray(), name);
                }
            }
        }
    }

    /** |got - want| <= TOLERANCE * max|want|, element by element. */
    private static void assertClose(float[] want, float[] got, String what) {
        assertEquals(want.length, got.length, what);
        double scale = 0;
        for (float v : want) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], TOLERANCE * scale, what + " [" + i + "]");
        }
    }

    private static byte[] save(ClassifierModel model) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        model.block().saveParameters(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    /** Logits of a training-mode forward; the backward of their squared sum leaves the gradients. */
    private static float[] trainingForwardBackward(ClassifierModel model, NDArray input, NDManager manager) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray logits = model.block()
                    .forward(new ParameterStore(manager, false), new NDList(input), true)
                    .singletonOrThrow();
            collector.backward(logits.mul(logits).sum());
            return logits.toFloatArray();
        }
    }
}
