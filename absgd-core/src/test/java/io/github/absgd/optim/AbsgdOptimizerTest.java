package io.github.absgd.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.tracker.Tracker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The optimizers against hand-computed PyTorch updates (scalars, so the arithmetic is visible). */
class AbsgdOptimizerTest extends io.github.absgd.WithManager {


    /** A tracker whose value the test changes between steps, as an epoch schedule would. */
    private static final class Settable implements Tracker {
        float value;

        @Override
        public float getNewValue(int numUpdate) {
            return value;
        }
    }

    private NDArray parameter(float value) {
        NDArray w = manager.create(new float[] {value});
        w.setRequiresGradient(true);
        return w;
    }

    @Test
    void momentumFollowsPyTorchWhenTheLearningRateChanges() {
        Settable lr = new Settable();
        Absgd sgd = Absgd.builder().learningRate(lr).momentum(0.9f).weightDecay(0.1f).build();
        NDArray w = parameter(1.0f);
        double wRef = 1.0;
        double v = 0;
        float[] grads = {0.5f, -0.2f, 0.3f};
        float[] rates = {0.1f, 0.1f, 0.01f}; // PyTorch keeps lr out of the buffer: the drop acts at once
        for (int t = 0; t < grads.length; t++) {
            lr.value = rates[t];
            double g = grads[t] + 0.1 * wRef;
            v = t == 0 ? g : 0.9 * v + g;
            wRef -= rates[t] * v;
            sgd.update("w", w, manager.create(new float[] {grads[t]}));
            assertEquals(wRef, w.getFloat(), 1e-6, "step " + (t + 1));
        }
    }

    @Test
    void updateOnOneThreadRestoresTheThreadCountAndMatchesTheParallelUpdate() {
        int before = Threads.current();
        Threads.set(2);
        try {
            // large enough for libtorch to split the elementwise ops over threads when allowed
            NDArray serialW = manager.randomNormal(new ai.djl.ndarray.types.Shape(1 << 17));
            NDArray parallelW = serialW.duplicate();
            NDArray grad = manager.randomNormal(serialW.getShape());
            Absgd serial = Absgd.builder().learningRate(Tracker.fixed(0.1f)).momentum(0.9f).weightDecay(5e-4f).build();
            NDArray velocity = null;
            for (int t = 0; t < 3; t++) {
                serial.update("w", serialW, grad);
                assertEquals(2, Threads.current(), "thread count restored after the update");
                // the same update by hand on two threads: g = grad + wd w, v <- 0.9 v + g, w <- w - lr v
                NDArray g = parallelW.mul(5e-4f).addi(grad);
                velocity = velocity == null ? g : velocity.muli(0.9f).addi(g);
                parallelW.subi(velocity.mul(0.1f));
            }
            assertArrayEquals(parallelW.toFloatArray(), serialW.toFloatArray(), 0f, "bit-identical");

            // what the engine's thread count is while the step's arithmetic runs
            ThreadProbe probe = new ThreadProbe();
            probe.update("small", serialW, grad);
            assertEquals(List.of(1), probe.threadsInStep, "a parameter below the limit is updated on one thread");
            assertEquals(2, Threads.current(), "thread count restored after the update");
            NDArray large = manager.zeros(new ai.djl.ndarray.types.Shape(StatefulOptimizer.SERIAL_UPDATE_LIMIT));
            probe.update("large", large, large.onesLike());
            assertEquals(List.of(1, 2), probe.threadsInStep, "a parameter at the limit keeps the engine's threads");
        } finally {
            Threads.set(before);
        }
    }

    /** An optimizer whose step records libtorch's intra-op thread count and does plain SGD. */
    private static final class ThreadProbe extends StatefulOptimizer {
        final List<Integer> threadsInStep = new ArrayList<>();

        ThreadProbe() {
            super(new ProbeBuilder().learningRate(Tracker.fixed(0.1f)));
        }

        @Override
        protected NDArray step(String parameterId, NDArray weight, NDArray g, int step, float lr, NDManager scratch) {
            threadsInStep.add(Threads.current());
            return g.muli(lr);
        }
    }

    private static final class ProbeBuilder extends StatefulOptimizer.Builder<ProbeBuilder> {
        @Override
        protected ProbeBuilder self() {
            return this;
        }
    }

    @Test
    void nesterovUsesTheLookAhead() {
        Settable lr = new Settable();
        lr.value = 0.5f;
        Absgd sgd = Absgd.builder().learningRate(lr).momentum(0.5f).nesterov(true).build();
        NDArray w = parameter(0f);
        sgd.update("w", w, manager.create(new float[] {1f})); // v = 1, step = 1 + 0.5 = 1.5
        assertEquals(-0.75f, w.getFloat(), 1e-7f);
        sgd.update("w", w, manager.create(new float[] {1f})); // v = 1.5, step = 1 + 0.75
        assertEquals(-0.75f - 0.875f, w.getFloat(), 1e-6f);
    }

    @Test
    void adamFollowsPyTorch() {
        Settable lr = new Settable();
        lr.value = 0.01f;
        AbAdam adam = AbAdam.builder().learningRate(lr).weightDecay(0.01f).build();
        NDArray w = parameter(2f);
        double wRef = 2;
        double m = 0;
        double s = 0;
        for (int t = 1; t <= 3; t++) {
            double g = 0.3 * t + 0.01 * wRef;
            m = 0.9 * m + 0.1 * g;
            s = 0.999 * s + 0.001 * g * g;
            wRef -= 0.01 * (m / (1 - Math.pow(0.9, t))) / (Math.sqrt(s / (1 - Math.pow(0.999, t))) + 1e-8);
            adam.update("w", w, manager.create(new float[] {0.3f * t}));
            assertEquals(wRef, w.getFloat(), 1e-6);
        }
    }

    /**
     * DJL's multi-device step: its LocalParameterServer sums three device copies' gradients and calls
     * update once per copy. Adam's moments and step count advance once a step, every copy alike.
     */
    @Test
    void deviceCopiesOfAParameterTakeOneStep() {
        AbAdam single = AbAdam.builder().learningRate(Tracker.fixed(0.01f)).build();
        AbAdam copied = AbAdam.builder().learningRate(Tracker.fixed(0.01f)).build();
        NDArray w = parameter(2f);
        NDArray[] copies = {parameter(2f), parameter(2f), parameter(2f)};
        ai.djl.training.ParameterServer server = new ai.djl.training.LocalParameterServer(copied);
        for (int t = 1; t <= 3; t++) {
            single.update("w", w, manager.create(new float[] {0.9f * t}));
            NDArray[] grads = {manager.create(new float[] {0.1f * t}), manager.create(new float[] {0.3f * t}),
                manager.create(new float[] {0.5f * t})};
            server.update("w", grads, copies);
            for (NDArray copy : copies) {
                assertEquals(w.getFloat(), copy.getFloat(), 1e-7f, "step " + t);
            }
        }
        assertEquals(3, copied.stepCount("w"));
    }

    @Test
    void savedStateGivesAnIdenticalNextStep() throws IOException {
        Settable lr = new Settable();
        lr.value = 0.1f;
        for (StatefulOptimizer.Builder<?> builder : new StatefulOptimizer.Builder<?>[] {
                Absgd.builder().learningRate(lr).momentum(0.9f), AbAdam.builder().learningRate(lr)}) {
            StatefulOptimizer original = build(builder);
            NDArray w1 = parameter(1f);
            original.update("w", w1, manager.create(new float[] {0.4f}));
            original.update("w", w1, manager.create(new float[] {-0.1f}));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            original.saveState(new DataOutputStream(bytes), id -> "name-of-" + id);

            StatefulOptimizer resumed = build(builder);
            resumed.loadState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), manager,
                    name -> name.substring("name-of-".length()));
            assertEquals(2, resumed.stepCount("w"));
            NDArray w2 = parameter(w1.getFloat());
            original.update("w", w1, manager.create(new float[] {0.25f}));
            resumed.update("w", w2, manager.create(new float[] {0.25f}));
            assertArrayEquals(w1.toFloatArray(), w2.toFloatArray());
        }
    }

    private static StatefulOptimizer build(StatefulOptimizer.Builder<?> builder) {
        return builder instanceof Absgd.Builder sgd ? sgd.build() : ((AbAdam.Builder) builder).build();
    }

    @Test
    void badHyperParametersAreRejected() {
        Tracker lr = Tracker.fixed(0.1f);
        assertRejected("momentum must be in [0, 1), got 1.0", () -> Absgd.builder().learningRate(lr).momentum(1.0f).build());
        assertRejected("weight decay must be >= 0, got -1.0", () -> Absgd.builder().learningRate(lr).weightDecay(-1f).build());
        assertRejected("a learning-rate tracker is required", () -> Absgd.builder().build());
        assertRejected("Adam betas must be in [0, 1), got 1.0, 0.9", () -> AbAdam.builder().learningRate(lr).betas(1f, 0.9f).build());
        assertRejected("Nesterov momentum needs a momentum > 0",
                () -> Absgd.builder().learningRate(lr).momentum(0f).nesterov(true).build());
    }

    private static void assertRejected(String message, Runnable build) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, build::run).getMessage());
    }

    @Test
    void theBuildersOfferOnlyWhatTheUpdateHonours() {
        for (Class<?> builder : new Class<?>[] {Absgd.Builder.class, AbAdam.Builder.class}) {
            java.util.Set<String> offered = new java.util.TreeSet<>();
            for (java.lang.reflect.Method m : builder.getMethods()) {
                if (m.getDeclaringClass() != Object.class) {
                    offered.add(m.getName());
                }
            }
            for (String djlOption : new String[] {"optClipGrad", "optWeightDecays", "setRescaleGrad", "optBeginNumUpdate"}) {
                assertFalse(offered.contains(djlOption), builder.getName() + " offers DJL's " + djlOption + ", which it ignores");
            }
            assertTrue(offered.containsAll(java.util.List.of("learningRate", "weightDecay", "weighting", "build")), offered.toString());
        }
    }
}
