package io.github.absgd.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.training.tracker.Tracker;
import io.github.absgd.loss.AttentionalLoss;
import io.github.absgd.loss.CrossEntropy;
import io.github.absgd.loss.EffectiveNumberWeights;
import io.github.absgd.loss.Focal;
import io.github.absgd.loss.Ldam;
import io.github.absgd.loss.LogitAdjusted;
import io.github.absgd.optim.AbAdam;
import io.github.absgd.optim.Absgd;
import io.github.absgd.util.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each method becomes its base loss, reduction, class-weight schedule, weighting and optimizer. */
class RecipeTest {

    private static final long[] COUNTS = {500, 100, 20};

    private static Recipe recipe(Method method) {
        return Recipe.of(RunSpec.builder().method(method).stage2Epoch(3).build(), COUNTS, Tracker.fixed(0.1f));
    }

    @Test
    void cbWeightsClassesFromTheFirstEpochAndDrwOnlyFromStageTwo() {
        float[] weights = EffectiveNumberWeights.of(COUNTS, 0.9999);
        for (Method method : Method.values()) {
            Recipe recipe = recipe(method);
            for (int epoch = 0; epoch < 5; epoch++) {
                recipe.enterEpoch(epoch);
                float[] got = recipe.loss().base().classWeights();
                boolean expected = switch (method) {
                    case CB -> true;
                    case CE_DRW, LDAM_DRW, ABSGD_DRW, ABSGD_LDAM_DRW -> epoch >= 3;
                    default -> false;
                };
                if (expected) {
                    assertArrayEquals(weights, got, method + " epoch " + epoch);
                } else {
                    assertNull(got, method + " has no class weights at epoch " + epoch);
                }
            }
        }
    }

    @Test
    void lambdaSwitchesOnAtStageTwoForTheAttentionalMethodsOnly() {
        for (Method method : Method.values()) {
            Recipe recipe = recipe(method);
            recipe.enterEpoch(2);
            assertNull(recipe.weighting().lambda(), method + ": ERM before stage 2");
            recipe.enterEpoch(3);
            assertEquals(method.attentional() ? 5.0 : null, recipe.weighting().lambda(), method.id());
        }
    }

    @ParameterizedTest
    @EnumSource(Method.class)
    void theLossAndOptimizerAreTheMethods(Method method) {
        Recipe recipe = recipe(method);
        Class<?> base = switch (method.base()) {
            case CE -> CrossEntropy.class;
            case FOCAL -> Focal.class;
            case LDAM -> Ldam.class;
            case LOGIT_ADJUST -> LogitAdjusted.class;
        };
        assertEquals(base, recipe.loss().base().getClass());
        AttentionalLoss.Reduction reduction = switch (method) {
            case CB, CE_DRW, LDAM_DRW -> AttentionalLoss.Reduction.CLASS_WEIGHTED_MEAN;
            case CE, FOCAL, LOGIT_ADJUST -> AttentionalLoss.Reduction.MEAN;
            default -> AttentionalLoss.Reduction.ATTENTIONAL;
        };
        assertEquals(reduction, recipe.loss().reduction());
        assertEquals(method == Method.ABADAM ? AbAdam.class : Absgd.class, recipe.optimizer().getClass());
        assertSame(recipe.weighting(), recipe.optimizer().weighting(), "the optimizer commits the loss's weighting");
        if (method.attentional()) {
            assertSame(recipe.weighting(), recipe.loss().weighting());
        }
    }

    @Test
    void anUnknownBaseLossIsAnErrorNotCrossEntropy() {
        InvalidSettingException error = org.junit.jupiter.api.Assertions.assertThrows(InvalidSettingException.class,
                () -> BaseLoss.parse("hinge"));
        assertTrue(error.getMessage().startsWith("loss 'hinge' is not one of: ce, focal, ldam, logit-adjust"), error.getMessage());
    }

    @Test
    void aClassWithoutSamplesIsRefusedWhereTheMethodNeedsCounts() {
        long[] gap = {500, 0, 20};
        for (Method method : Method.values()) {
            RunSpec spec = RunSpec.builder().method(method).build();
            boolean needsCounts = method.classWeights() != Method.ClassWeights.NONE || method.base() == BaseLoss.LDAM
                    || method.base() == BaseLoss.LOGIT_ADJUST;
            if (needsCounts) {
                InvalidSettingException error = org.junit.jupiter.api.Assertions.assertThrows(InvalidSettingException.class,
                        () -> Recipe.of(spec, gap, Tracker.fixed(0.1f)));
                assertTrue(error.getMessage().startsWith("method " + method.id() + " computes from the per-class training counts,"
                        + " and class 1 has no training sample"), error.getMessage());
            } else {
                assertNull(Recipe.of(spec, gap, Tracker.fixed(0.1f)).classWeights(), method.id());
            }
        }
    }
}
