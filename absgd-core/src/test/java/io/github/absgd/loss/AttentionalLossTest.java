package io.github.absgd.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import io.github.absgd.core.AttentionalWeighting;
import org.junit.jupiter.api.Test;

class AttentionalLossTest extends io.github.absgd.WithManager {

    private static final float[][] LOGITS = {{1.0f, -0.5f, 0.3f}, {0.2f, 0.1f, 2.0f}, {-1.0f, 0.5f, 0.0f}, {0.3f, 0.3f, -0.2f}};
    private static final int[] LABELS = {0, 1, 2, 2};


    private NDList labels() {
        return new NDList(manager.create(LABELS));
    }

    private NDList logits() {
        return new NDList(manager.create(LOGITS));
    }

    @Test
    void crossEntropyMatchesDjl() {
        float ours = AttentionalLoss.mean(new CrossEntropy()).evaluate(labels(), logits()).getFloat();
        float djl = Loss.softmaxCrossEntropyLoss().evaluate(labels(), logits()).getFloat();
        assertEquals(djl, ours, 1e-6f);
    }

    @Test
    void weightsAreDetachedSoTheGradientIsTheWeightedGradient() {
        AttentionalWeighting weighting = AttentionalWeighting.builder().lambda(0.5).gamma(0.9).build();
        AttentionalLoss loss = AttentionalLoss.attentional(new CrossEntropy(), weighting);
        NDArray logits = manager.create(LOGITS);
        logits.setRequiresGradient(true);
        float[] p;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            AttentionalLoss.BatchLoss batch = loss.evaluateBatch(labels(), new NDList(logits));
            collector.backward(batch.objective());
            p = batch.weights().toFloatArray();
        }
        float[] gradient = logits.getGradient().toFloatArray();
        // d/dz_i of sum_i p_i l_i with p fixed: p_i (softmax(z_i) - onehot(y_i))
        for (int i = 0; i < LOGITS.length; i++) {
            double[] softmax = softmax(LOGITS[i]);
            for (int j = 0; j < 3; j++) {
                double expected = p[i] * (softmax[j] - (j == LABELS[i] ? 1 : 0));
                assertEquals(expected, gradient[i * 3 + j], 1e-6, "sample " + i + " class " + j);
            }
        }
    }

    @Test
    void evaluatorUseReportsTheMeanBaseLossAndNeverMovesU() {
        AttentionalWeighting weighting = AttentionalWeighting.builder().lambda(1.0).build();
        AttentionalLoss loss = AttentionalLoss.attentional(new CrossEntropy(), weighting);
        loss.addAccumulator("train");
        loss.updateAccumulators(new String[] {"train"}, labels(), logits());
        loss.updateAccumulators(new String[] {"train"}, labels(), logits());
        weighting.commit();
        assertEquals(Double.NEGATIVE_INFINITY, weighting.logU(), "evaluation must not advance u");
        float mean = AttentionalLoss.mean(new CrossEntropy()).evaluate(labels(), logits()).getFloat();
        assertEquals(mean, loss.getAccumulator("train"), 1e-6f);
    }

    @Test
    void classWeightedMeanIsPyTorchsWeightedMean() {
        float[] w = {0.5f, 2.0f, 1.0f};
        AttentionalLoss loss = AttentionalLoss.classWeightedMean(new CrossEntropy(w));
        float[] plain = new CrossEntropy().compute(manager.create(LOGITS), manager.create(LABELS)).toFloatArray();
        double numerator = 0;
        double denominator = 0;
        for (int i = 0; i < LABELS.length; i++) {
            numerator += w[LABELS[i]] * plain[i];
            denominator += w[LABELS[i]];
        }
        assertEquals(numerator / denominator, loss.evaluate(labels(), logits()).getFloat(), 1e-6);
    }

    @Test
    void focalAndLogitAdjustmentFollowTheirFormulas() {
        float[] ce = new CrossEntropy().compute(manager.create(LOGITS), manager.create(LABELS)).toFloatArray();
        float[] focal = new Focal(2.0).compute(manager.create(LOGITS), manager.create(LABELS)).toFloatArray();
        for (int i = 0; i < ce.length; i++) {
            assertEquals(Math.pow(1 - Math.exp(-ce[i]), 2) * ce[i], focal[i], 1e-6);
        }
        long[] counts = {100, 10, 1};
        float[] adjusted = new LogitAdjusted(counts, 1.0).compute(manager.create(LOGITS), manager.create(LABELS)).toFloatArray();
        float[] shifted = new float[3];
        for (int j = 0; j < 3; j++) {
            shifted[j] = (float) (LOGITS[0][j] + Math.log(counts[j] / 111.0));
        }
        assertEquals(-Math.log(softmax(shifted)[0]), adjusted[0], 1e-5);
    }

    @Test
    void ldamMarginsAndEffectiveNumberWeights() {
        float[] margins = Ldam.margins(new long[] {10000, 16, 1}, 0.5);
        assertArrayEquals(new float[] {0.05f, 0.25f, 0.5f}, margins, 1e-6f);
        float[] w = EffectiveNumberWeights.of(new long[] {5000, 500, 50});
        double sum = 0;
        for (float v : w) {
            sum += v;
        }
        assertEquals(3.0, sum, 1e-5);
        assertEquals((1 - 0.9999) / (1 - Math.pow(0.9999, 50)) / ((1 - 0.9999) / (1 - Math.pow(0.9999, 5000))),
                w[2] / w[0], 1e-3);
        assertThrows(IllegalArgumentException.class, () -> EffectiveNumberWeights.of(new long[] {5, 0}));
    }

    @Test
    void deferredReweightingSwapsClassWeights() {
        float[] w = {0.5f, 2f, 5f}; // sum of w[y_i] is 12.5, not the batch size 4: the weighted mean is not the mean
        AttentionalLoss loss = AttentionalLoss.classWeightedMean(new CrossEntropy());
        float[] plain = new CrossEntropy().compute(manager.create(LOGITS), manager.create(LABELS)).toFloatArray();
        assertNull(loss.base().classWeights(), "no class weights before stage 2");
        assertEquals(sum(plain) / LABELS.length, loss.evaluate(labels(), logits()).getFloat(), 1e-6, "unweighted: the mean");

        loss.setClassWeights(w);
        assertArrayEquals(w, loss.base().classWeights());
        assertEquals(CrossEntropy.class, loss.base().getClass());
        AttentionalLoss.BatchLoss weighted = loss.evaluateBatch(labels(), logits());
        float[] l = weighted.losses().toFloatArray();
        double weightSum = 0;
        for (int i = 0; i < LABELS.length; i++) {
            assertEquals(w[LABELS[i]] * plain[i], l[i], 1e-6, "l_" + i + " = w[y_i] * unweighted l_i");
            weightSum += w[LABELS[i]];
        }
        assertEquals(sum(l) / weightSum, weighted.objective().getFloat(), 1e-6, "objective = sum(l) / sum(w[y])");
        assertEquals(sum(l) / weightSum, loss.evaluate(labels(), logits()).getFloat(), 1e-6);

        loss.setClassWeights(null);
        assertNull(loss.base().classWeights(), "null removes the weights");
        AttentionalLoss.BatchLoss removed = loss.evaluateBatch(labels(), logits());
        assertArrayEquals(plain, removed.losses().toFloatArray(), 1e-7f);
        assertEquals(sum(plain) / LABELS.length, removed.objective().getFloat(), 1e-6, "the plain mean again");
    }

    @Test
    void deferredReweightingKeepsEachBaseLossAndTheAttentionalReduction() {
        float[] w = {0.5f, 2f, 5f};
        long[] counts = {100, 10, 1};
        PerSampleLoss[] bases = {new Ldam(counts, 0.5, 30), new LogitAdjusted(counts, 1.0), new Focal(2.0)};
        for (PerSampleLoss base : bases) {
            AttentionalLoss loss = AttentionalLoss.attentional(base, AttentionalWeighting.builder().lambda(1.0).build());
            float[] plain = loss.evaluateBatch(labels(), logits()).losses().toFloatArray();
            float[] ce = new CrossEntropy().compute(manager.create(LOGITS), manager.create(LABELS)).toFloatArray();
            loss.setClassWeights(w);
            assertEquals(base.getClass(), loss.base().getClass());
            AttentionalLoss.BatchLoss batch = loss.evaluateBatch(labels(), logits());
            float[] l = batch.losses().toFloatArray();
            float[] p = batch.weights().toFloatArray();
            double objective = 0;
            for (int i = 0; i < LABELS.length; i++) {
                double c = w[LABELS[i]] * ce[i]; // focal weights the cross-entropy inside its modulation
                double expected = base instanceof Focal ? Math.pow(1 - Math.exp(-c), 2) * c : w[LABELS[i]] * plain[i];
                assertEquals(expected, l[i], 1e-5, base.name() + " l_" + i);
                objective += p[i] * l[i];
            }
            assertEquals(objective, batch.objective().getFloat(), 1e-5, base.name() + ": sum p_i l_i of the weighted losses");
        }
    }

    private static double sum(float[] values) {
        double total = 0;
        for (float v : values) {
            total += v;
        }
        return total;
    }

    private static double[] softmax(float[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] out = new double[z.length];
        for (int j = 0; j < z.length; j++) {
            out[j] = Math.exp(z[j] - max);
            sum += out[j];
        }
        for (int j = 0; j < z.length; j++) {
            out[j] /= sum;
        }
        return out;
    }
}
