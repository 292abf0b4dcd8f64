package io.github.absgd.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AttentionalWeightingTest extends io.github.absgd.WithManager {


    private float[] weights(AttentionalWeighting weighting, float... losses) {
        return weighting.weights(manager.create(losses)).toFloatArray();
    }

    @Test
    void withoutLambdaItIsPlainErmAndUStaysZero() {
        AttentionalWeighting weighting = AttentionalWeighting.builder().gamma(0.7).alpha(0.5).build();
        float[] p = weights(weighting, 0.1f, 3f, 0.5f, 9f);
        assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f, 0.25f}, p, 1e-7f);
        weighting.commit();
        assertEquals(Double.NEGATIVE_INFINITY, weighting.logU());
    }

    @Test
    void firstAndSecondStepsFollowThePaper() {
        double gamma = 0.7;
        double alpha = 0.5;
        double lambda = 2.0;
        AttentionalWeighting weighting = AttentionalWeighting.builder().lambda(lambda).gamma(gamma).alpha(alpha).build();
        float[] l1 = {0.2f, 1.5f, 0.7f};
        double u = gamma * alpha * mean(exp(l1, lambda)); // u starts at 0
        float[] p1 = weights(weighting, l1);
        weighting.commit();
        assertEquals(Math.log(u), weighting.logU(), 1e-9);
        for (int i = 0; i < l1.length; i++) {
            assertEquals(Math.exp(l1[i] / lambda) / (u * l1.length), p1[i], 1e-6);
        }
        float[] l2 = {2.5f, 0.1f};
        u = (1 - gamma) * u + gamma * alpha * mean(exp(l2, lambda));
        float[] p2 = weights(weighting, l2);
        weighting.commit();
        assertEquals(Math.log(u), weighting.logU(), 1e-9);
        assertEquals(Math.exp(l2[0] / lambda) / (u * 2), p2[0], 1e-6);
    }

    @Test
    void positiveLambdaFavoursHighLossNegativeLambdaDisfavoursIt() {
        float[] losses = {0.1f, 2.0f, 0.5f, 4.0f};
        float[] up = weights(AttentionalWeighting.builder().lambda(1.0).build(), losses);
        float[] down = weights(AttentionalWeighting.builder().lambda(-1.0).build(), losses);
        int[] byLoss = {0, 2, 1, 3};
        for (int k = 1; k < byLoss.length; k++) {
            assertTrue(up[byLoss[k]] > up[byLoss[k - 1]], "lambda > 0: higher loss, larger weight");
            assertTrue(down[byLoss[k]] < down[byLoss[k - 1]], "lambda < 0: higher loss, smaller weight");
        }
    }

    @Test
    void smallLambdaDoesNotOverflow() {
        AttentionalWeighting weighting = AttentionalWeighting.builder().lambda(0.01).gamma(1.0).alpha(1.0).build();
        float[] p = weights(weighting, 25f, 24.99f, 3f); // exp(2500) is far beyond float64
        weighting.commit();
        assertTrue(Double.isFinite(weighting.logU()));
        assertEquals(2500 + Math.log((1 + Math.exp(-1)) / 3), weighting.logU(), 1e-3);
        assertEquals(1 / (1 + Math.exp(-1)), p[0], 1e-4); // the weights of a batch sum to 1/alpha for gamma 1
        assertEquals(0f, p[2], 1e-30f);
    }

    @Test
    void computingWeightsWithoutACommitNeverMovesU() {
        AttentionalWeighting weighting = AttentionalWeighting.builder().lambda(1.0).build();
        weights(weighting, 1f, 2f);
        weighting.commit();
        double committed = weighting.logU();
        float[] first = weights(weighting, 5f, 0.1f); // e.g. an evaluator re-running the loss
        float[] again = weights(weighting, 5f, 0.1f);
        assertArrayEquals(first, again);
        assertEquals(committed, weighting.logU());
        weighting.discardPending();
        weighting.commit();
        assertEquals(committed, weighting.logU());
    }

    @Test
    void restoredStateGivesAnIdenticalNextStep() {
        AttentionalWeighting original = AttentionalWeighting.builder().lambda(3.0).gamma(0.4).alpha(0.8).build();
        weights(original, 1f, 2f, 3f);
        original.commit();
        weights(original, 0.5f, 0.7f);
        original.commit();
        AttentionalWeighting.State saved = original.state();
        AttentionalWeighting resumed = AttentionalWeighting.builder().gamma(0.4).alpha(0.8).build();
        resumed.restore(saved);
        assertEquals(3.0, resumed.lambda());
        assertArrayEquals(weights(original, 4f, 0.2f), weights(resumed, 4f, 0.2f));
        original.commit();
        resumed.commit();
        assertEquals(original.logU(), resumed.logU());
        assertEquals(3, resumed.state().weightedSteps());
    }

    @Test
    void badHyperParametersAreRejectedWithTheValue() {
        assertMessage("gamma must be in (0, 1], got 0.0", () -> AttentionalWeighting.builder().gamma(0).build());
        assertMessage("gamma must be in (0, 1], got 1.5", () -> AttentionalWeighting.builder().gamma(1.5).build());
        assertMessage("gamma must be in (0, 1], got NaN", () -> AttentionalWeighting.builder().gamma(Double.NaN).build());
        assertMessage("alpha must be a positive finite number, got 0.0", () -> AttentionalWeighting.builder().alpha(0).build());
        assertMessage("alpha must be a positive finite number, got -1.0", () -> AttentionalWeighting.builder().alpha(-1).build());
        assertMessage("lambda must be a non-zero finite number (or none for plain ERM), got 0.0",
                () -> AttentionalWeighting.builder().lambda(0.0).build());
        assertMessage("lambda must be a non-zero finite number (or none for plain ERM), got NaN",
                () -> AttentionalWeighting.builder().lambda(Double.NaN).build());
        AttentionalWeighting weighting = AttentionalWeighting.builder().build();
        assertMessage("lambda must be a non-zero finite number (or none for plain ERM), got 0.0", () -> weighting.setLambda(0.0));
    }

    private static void assertMessage(String message, Runnable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
        assertEquals(message, e.getMessage());
    }

    private static double[] exp(float[] losses, double lambda) {
        double[] out = new double[losses.length];
        for (int i = 0; i < losses.length; i++) {
            out[i] = Math.exp(losses[i] / lambda);
        }
        return out;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

}
