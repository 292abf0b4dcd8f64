package io.github.absgd.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The custom blocks (basic block, cosine head) survive DJL's parameter save and load. */
class SaveLoadTest {

    @Test
    void resnet32WithCosineHeadRoundTrips() throws IOException, MalformedModelException {
        ModelSpec spec = ModelSpec.image(3, 32, 32, 5).withCosineHead(true);
        try (NDManager manager = NDManager.newBaseManager()) {
            ClassifierModel saved = Models.create("resnet32", spec);
            NDArray input = manager.randomNormal(saved.inputShape(2));
            saved.initialize(manager);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            saved.block().saveParameters(new DataOutputStream(bytes));

            ClassifierModel loaded = Models.create("resnet32", spec);
            loaded.block().loadParameters(manager, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            assertArrayEquals(logits(saved, input, manager), logits(loaded, input, manager), 1e-6f);
        }
    }

    private static float[] logits(ClassifierModel model, NDArray input, NDManager manager) {
        return model.block().forward(new ParameterStore(manager, false), new NDList(input), false)
                .singletonOrThrow().toFloatArray();
    }
}
