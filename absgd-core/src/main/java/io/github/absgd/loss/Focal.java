package io.github.absgd.loss;

import ai.djl.ndarray.NDArray;

/**
 * Focal loss (Lin et al. 2017) in the form the ABSGD and LDAM code use: with c_i = w[y_i] · CE_i,
 * l_i = (1 − exp(−c_i))^gamma · c_i.
 */
public final class Focal implements PerSampleLoss {

    private final double gamma;
    private final float[] classWeights;

    public Focal(double gamma) {
        this(gamma, null);
    }

    public Focal(double gamma, float[] classWeights) {
        if (!(gamma >= 0.0) || !Double.isFinite(gamma)) {
            throw new IllegalArgumentException("focal gamma must be a non-negative number, got " + gamma);
        }
        this.gamma = gamma;
        this.classWeights = ClassWeighting.checked(classWeights);
    }

    @Override
    public NDArray compute(NDArray logits, NDArray labels) {
        NDArray c = ClassWeighting.apply(classWeights, CrossEntropy.unweighted(logits, labels), labels);
        NDArray modulation = c.neg().exp().neg().add(1);
        if (gamma != 1.0) {
            modulation = modulation.pow(gamma);
        }
        return modulation.mul(c);
    }

    public double gamma() {
        return gamma;
    }

    @Override
    public float[] classWeights() {
        return classWeights == null ? null : classWeights.clone();
    }

    @Override
    public Focal withClassWeights(float[] weights) {
        return new Focal(gamma, weights);
    }

    @Override
    public String name() {
        return "focal";
    }
}
