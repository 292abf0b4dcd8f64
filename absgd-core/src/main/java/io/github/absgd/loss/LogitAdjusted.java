package io.github.absgd.loss;

import ai.djl.ndarray.NDArray;

/**
 * Logit-adjusted cross-entropy (Menon et al. 2021): CE on logits_j + tau · log(n_j / N). With tau =
 * 1 it is also Balanced Softmax (Ren et al. 2020): CE ignores a shift common to all logits.
 */
public final class LogitAdjusted implements PerSampleLoss {

    private final long[] classCounts;
    private final double tau;
    private final float[] logPriorShift;
    private final float[] classWeights;

    public LogitAdjusted(long[] classCounts, double tau) {
        this(classCounts, tau, null);
    }

    public LogitAdjusted(long[] classCounts, double tau, float[] classWeights) {
        this.classCounts = classCounts.clone();
        this.tau = tau;
        double total = 0;
        for (long n : classCounts) {
            if (n <= 0) {
                throw new IllegalArgumentException("logit adjustment needs every class count positive");
            }
            total += n;
        }
        logPriorShift = new float[classCounts.length];
        for (int j = 0; j < classCounts.length; j++) {
            logPriorShift[j] = (float) (tau * Math.log(classCounts[j] / total));
        }
        this.classWeights = ClassWeighting.checked(classWeights);
    }

    @Override
    public NDArray compute(NDArray logits, NDArray labels) {
        NDArray shift = logits.getManager().create(logPriorShift).toDevice(logits.getDevice(), false);
        return ClassWeighting.apply(classWeights, CrossEntropy.unweighted(logits.add(shift), labels), labels);
    }

    @Override
    public float[] classWeights() {
        return classWeights == null ? null : classWeights.clone();
    }

    @Override
    public LogitAdjusted withClassWeights(float[] weights) {
        return new LogitAdjusted(classCounts, tau, weights);
    }

    @Override
    public String name() {
        return "logit-adjust";
    }
}
