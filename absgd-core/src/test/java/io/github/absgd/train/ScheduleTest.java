package io.github.absgd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.absgd.model.TrainableScope;
import io.github.absgd.util.InvalidSettingException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    @Test
    void theRecipeIsTheDefault() {
        RunSpec config = RunSpec.builder().build();
        LearningRateSchedule lr = config.learningRateSchedule();
        assertEquals(0.05, lr.at(0), 1e-12);
        assertEquals(0.1, lr.at(1), 1e-12);
        for (int e = 2; e < 24; e++) {
            assertEquals(0.1, lr.at(e), 1e-12, "epoch " + e);
        }
        for (int e = 24; e < 30; e++) {
            assertEquals(0.001, lr.at(e), 1e-12, "epoch " + e);
        }
        assertNull(config.lambdaAt(23));
        assertEquals(5.0, config.lambdaAt(24));
        assertNull(config.toBuilder().method(Method.CE).build().lambdaAt(29), "a method without attention never has a lambda");
    }

    @Test
    void multistepAndCosine() {
        LearningRateSchedule steps = new LearningRateSchedule(1.0, 0, LearningRateSchedule.Kind.MULTISTEP, List.of(3, 6), 0.1, 10);
        assertEquals(1.0, steps.at(2), 1e-12);
        assertEquals(0.1, steps.at(3), 1e-12);
        assertEquals(0.01, steps.at(9), 1e-12);
        LearningRateSchedule cosine = new LearningRateSchedule(1.0, 2, LearningRateSchedule.Kind.COSINE, List.of(), 0.1, 12);
        assertEquals(0.5, cosine.at(0), 1e-12);
        assertEquals(1.0, cosine.at(2), 1e-12);
        assertEquals(0.5, cosine.at(7), 1e-12);
        assertEquals(0.5 * (1 + Math.cos(Math.PI * 2 / 10)), cosine.at(4), 1e-12);
        assertEquals(0.5 * (1 + Math.cos(Math.PI * 9 / 10)), cosine.at(11), 1e-12); // 0.0245, towards 0 over epochs 2-12
    }

    @Test
    void badSettingsAreNamed() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> RunSpec.builder().finetune(TrainableScope.CLASSIFIER).build());
        assertEquals("finetune", e.setting());
        assertEquals("finetune classifier needs `from`, the directory of a finished stage-1 run", e.getMessage());
        assertEquals("gamma must be in (0, 1], got 1.5",
                assertThrows(InvalidSettingException.class, () -> RunSpec.builder().gamma(1.5).build()).getMessage());
        assertEquals("batch-size must be at least 1, got 0",
                assertThrows(InvalidSettingException.class, () -> RunSpec.builder().batchSize(0).build()).getMessage());
        assertTrue(assertThrows(InvalidSettingException.class, () -> Method.parse("sgd-magic")).getMessage()
                .startsWith("method 'sgd-magic' is not one of: ce, cb,"));
        assertTrue(assertThrows(InvalidSettingException.class, () -> LearningRateSchedule.Kind.parse("linear")).getMessage()
                .contains("multistep or cosine"));
        assertTrue(assertThrows(InvalidSettingException.class, () -> RunSpec.builder().model("resnet33").build()).getMessage()
                .startsWith("model 'resnet33' is not one of: "));
    }
}
