package io.github.absgd.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.absgd.util.AbsgdException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelsTest {

    @Test
    void knownNames() {
        assertEquals(List.of("small-cnn", "resnet32", "mlp", "resnet18", "resnet50"), Models.names());
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        AbsgdException error = assertThrows(AbsgdException.class, () -> Models.create("resnet33", ModelSpec.image(3, 32, 32, 10)));
        assertEquals(
                "unknown model 'resnet33'; known models: small-cnn, resnet32, mlp, resnet18, resnet50",
                error.getMessage());
    }

    @Test
    void imageModelsRefuseTabularInput() {
        AbsgdException error = assertThrows(AbsgdException.class, () -> Models.create("resnet32", ModelSpec.tabular(54, 7)));
        assertTrue(error.getMessage().contains("needs image input"), error.getMessage());
    }

    @Test
    void zooResNetsRefuseSmallImages() {
        AbsgdException error = assertThrows(AbsgdException.class, () -> Models.create("resnet18", ModelSpec.image(1, 28, 28, 10)));
        assertTrue(error.getMessage().contains("larger than 28 pixels"), error.getMessage());
    }

    @Test
    void badSpecValues() {
        assertEquals("a classifier needs at least 2 classes, got 1",
                assertThrows(AbsgdException.class, () -> ModelSpec.image(1, 28, 28, 1)).getMessage());
        assertEquals("dropout must be in [0, 1), got 1.0",
                assertThrows(AbsgdException.class, () -> ModelSpec.tabular(10, 2).withDropout(1f)).getMessage());
        assertEquals("model mlp needs at least one hidden size", assertThrows(AbsgdException.class,
                () -> Models.create("mlp", ModelSpec.tabular(10, 2).withHiddenSizes(List.of()))).getMessage());
    }

    @Test
    void scopesParseFromTheirCommandLineNames() {
        assertEquals(TrainableScope.LAST_BLOCK, TrainableScope.parse("last-block"));
        AbsgdException error = assertThrows(AbsgdException.class, () -> TrainableScope.parse("head"));
        assertEquals("finetune 'head' is not one of: all, classifier, last-block", error.getMessage());
    }
}
