package io.github.absgd.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import io.github.absgd.optim.Absgd;
import io.github.absgd.train.CheckpointFile;
import io.github.absgd.train.CheckpointState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The custom blocks (basic block, cosine head) survive DJL's parameter save and load, and the
 * checkpoint file, with every array restored bit for bit: learnable values that are no longer
 * their initial ones, and BatchNorm running statistics moved away from 0 and 1 by training-mode
 * forward passes (a model that lost them would predict differently in inference mode).
 */
class SaveLoadTest {

    private static final ModelSpec SPEC = ModelSpec.image(3, 32, 32, 5).withCosineHead(true);

    @Test
    void resnet32WithCosineHeadRoundTrips() throws IOException, MalformedModelException {
        try (NDManager manager = NDManager.newBaseManager()) {
            ClassifierModel saved = trained(manager);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            saved.block().saveParameters(new DataOutputStream(bytes));

            ClassifierModel loaded = freshlyInitialised(manager, saved);
            loaded.block().loadParameters(manager, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            assertRestored(saved, loaded, manager);
        }
    }

    @Test
    void aCheckpointFileRestoresEveryArrayIncludingRunningStatistics(@TempDir Path tmp) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            ClassifierModel saved = trained(manager);
            Path file = tmp.resolve(CheckpointFile.FILE_NAME);
            CheckpointState state = new CheckpointState("resnet32", null, null, 1, 0, null, null, 0, null, 0, 0, false, null);
            CheckpointFile.write(file, state, saved.block(), Absgd.builder().learningRate(Tracker.fixed(0.1f)).build());

            ClassifierModel loaded = freshlyInitialised(manager, saved);
            CheckpointFile.load(file, "resnet32", loaded.block(), null, manager);
            assertRestored(saved, loaded, manager);
        }
    }

    /**
     * A resnet32 whose arrays all differ from their initial values: learnable ones shifted by noise
     * (gamma 1 and beta 0 would otherwise look restored when they are not), running statistics
     * moved by three training-mode forward passes on inputs of mean 0.5 and sd 2.
     */
    private static ClassifierModel trained(NDManager manager) {
        Engine.getInstance().setRandomSeed(3);
        ClassifierModel model = Models.create("resnet32", SPEC);
        model.initialize(manager);
        Map<String, float[]> initial = values(model);
        for (Parameter p : model.block().getParameters().values()) {
            if (ClassifierModel.LEARNABLE.test(p)) {
                NDArray array = p.getArray();
                array.addi(manager.randomNormal(0f, 0.1f, array.getShape(), array.getDataType()));
            }
        }
        ParameterStore store = new ParameterStore(manager, false);
        for (int step = 0; step < 3; step++) {
            NDArray input = manager.randomNormal(0.5f, 2f, model.inputShape(4), DataType.FLOAT32);
            model.block().forward(store, new NDList(input), true);
        }
        int runningStatistics = 0;
        for (Pair<String, Parameter> p : model.block().getParameters()) {
            float[] before = initial.get(p.getKey());
            float[] after = p.getValue().getArray().toFloatArray();
            int unchanged = 0;
            for (int i = 0; i < before.length; i++) {
                unchanged += before[i] == after[i] ? 1 : 0;
            }
            assertEquals(0, unchanged, p.getKey() + ": every value differs from its initial one before saving");
            if (!ClassifierModel.LEARNABLE.test(p.getValue())) {
                runningStatistics++;
            }
        }
        assertEquals(2 * 31, runningStatistics, "resnet32 has 31 BatchNorm layers, each with a running mean and variance");
        return model;
    }

    /** The same architecture, initialised from another seed: every array differs from {@code saved}'s. */
    private static ClassifierModel freshlyInitialised(NDManager manager, ClassifierModel saved) {
        Engine.getInstance().setRandomSeed(4);
        ClassifierModel fresh = Models.create("resnet32", SPEC);
        fresh.initialize(manager);
        Map<String, float[]> want = values(saved);
        values(fresh).forEach((name, got) -> assertFalse(Arrays.equals(want.get(name), got), name + " before loading"));
        return fresh;
    }

    private static void assertRestored(ClassifierModel saved, ClassifierModel loaded, NDManager manager) {
        Map<String, float[]> want = values(saved);
        Map<String, float[]> got = values(loaded);
        assertEquals(want.keySet(), got.keySet());
        for (Map.Entry<String, float[]> entry : want.entrySet()) {
            assertArrayEquals(entry.getValue(), got.get(entry.getKey()), entry.getKey() + " restored exactly");
        }
        NDArray input = manager.randomNormal(0.5f, 2f, saved.inputShape(3), DataType.FLOAT32);
        float[] expected = inferenceLogits(saved, input, manager);
        assertTrue(Arrays.stream(toDoubles(expected)).anyMatch(v -> v != 0), "non-trivial logits");
        assertArrayEquals(expected, inferenceLogits(loaded, input, manager), "identical predictions in inference mode");
    }

    private static Map<String, float[]> values(ClassifierModel model) {
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : model.block().getParameters()) {
            values.put(p.getKey(), p.getValue().getArray().toFloatArray());
        }
        return values;
    }

    private static double[] toDoubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    private static float[] inferenceLogits(ClassifierModel model, NDArray input, NDManager manager) {
        return model.block().forward(new ParameterStore(manager, false), new NDList(input), false)
                .singletonOrThrow().toFloatArray();
    }
}
