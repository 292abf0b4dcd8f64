package io.github.absgd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BatchWeightsTest {

    private static final int[] INDICES = {0, 1, 2, 3};
    private static final boolean[] NOISY = {false, true, false, false};
    private static final boolean[] TAIL = {false, false, true, true};

    @Test
    void equalWeightsCountEverySample() {
        BatchWeights w = BatchWeights.of(new float[] {0.5f, 0.5f, 0.5f, 0.5f}, INDICES, NOISY, TAIL);
        assertEquals(2.0, w.sum(), 1e-9);
        assertEquals(1.0, w.essFraction(), 1e-9);
        assertEquals(0.25, w.maxShare(), 1e-9);
        assertEquals(0.5, w.noisySum(), 1e-9);
        assertEquals(1, w.noisyCount());
        assertEquals(1.0, w.tailSum(), 1e-9);
    }

    @Test
    void oneSampleWithAllTheWeightIsOneSampleOfFour() {
        BatchWeights w = BatchWeights.of(new float[] {0f, 0f, 3f, 0f}, INDICES, NOISY, TAIL);
        assertEquals(0.25, w.essFraction(), 1e-9);
        assertEquals(1.0, w.maxShare(), 1e-9);
        assertEquals(3.0, w.tailSum(), 1e-9);
    }

    @Test
    void unevenWeights() {
        BatchWeights w = BatchWeights.of(new float[] {1f, 1f, 2f, 4f}, INDICES, NOISY, TAIL);
        assertEquals(64.0 / 22.0 / 4, w.essFraction(), 1e-9); // (Σp)² / Σp² / b
        assertEquals(0.5, w.maxShare(), 1e-9);
        assertEquals(6.0, w.tailSum(), 1e-9);
    }

    @Test
    void theSmallestClassesAreTheThreeWithTheFewestSamplesTiesToTheLowerIndex() {
        boolean[] smallest = TrainingRun.smallestClasses(new long[] {50, 5, 20, 5, 5, 8}, 3);
        assertEquals("[false, true, false, true, true, false]", java.util.Arrays.toString(smallest));
    }

    @Test
    void weightsThatAllUnderflowedCountNoSample() {
        BatchWeights w = BatchWeights.of(new float[] {0f, 0f, 0f, 0f}, INDICES, NOISY, TAIL);
        assertEquals(0.0, w.essFraction());
        assertEquals(0.0, w.maxShare());
        assertEquals(0.0, w.sum());
    }
}
