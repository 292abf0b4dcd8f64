package io.github.absgd.loss;

/**
 * Class-balanced weights from the effective number of samples (Cui et al. 2019):
 * w_j = (1 − beta) / (1 − beta^n_j), normalised so that Σ_j w_j = C. Used by class-balanced loss and
 * by deferred re-weighting (DRW).
 */
public final class EffectiveNumberWeights {

    /** The beta of the ABSGD, LDAM-DRW and CB papers. */
    public static final double DEFAULT_BETA = 0.9999;

    private EffectiveNumberWeights() {}

    public static float[] of(long[] classCounts) {
        return of(classCounts, DEFAULT_BETA);
    }

    public static float[] of(long[] classCounts, double beta) {
        if (!(beta >= 0.0 && beta < 1.0)) {
            throw new IllegalArgumentException("beta must be in [0, 1), got " + beta);
        }
        double[] w = new double[classCounts.length];
        double sum = 0;
        for (int j = 0; j < classCounts.length; j++) {
            if (classCounts[j] <= 0) {
                throw new IllegalArgumentException(
                        "class " + j + " has " + classCounts[j] + " samples; effective-number weights need at least 1");
            }
            w[j] = (1.0 - beta) / (1.0 - Math.pow(beta, classCounts[j]));
            sum += w[j];
        }
        float[] out = new float[w.length];
        for (int j = 0; j < w.length; j++) {
            out[j] = (float) (w[j] / sum * classCounts.length);
        }
        return out;
    }
}
