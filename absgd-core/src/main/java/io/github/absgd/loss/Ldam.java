package io.github.absgd.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * LDAM loss (Cao et al. 2019): margins m_j = maxMargin · n_j^(−1/4) / max_k n_k^(−1/4) from the
 * training class counts n; the true class's logit is reduced by m_y, the logits are scaled, and
 * l_i = w[y_i] · CE(scale · logits′_i, y_i). Meant for a cosine classifier (logits in [−1, 1]).
 */
public final class Ldam implements PerSampleLoss {

    private final long[] classCounts;
    private final double maxMargin;
    private final double scale;
    private final float[] margins;
    private final float[] classWeights;

    public Ldam(long[] classCounts, double maxMargin, double scale) {
        this(classCounts, maxMargin, scale, null);
    }

    public Ldam(long[] classCounts, double maxMargin, double scale, float[] classWeights) {
        if (!(maxMargin > 0) || !(scale > 0)) {
            throw new IllegalArgumentException(
                    "LDAM needs a positive max margin and scale, got " + maxMargin + " and " + scale);
        }
        this.classCounts = classCounts.clone();
        this.maxMargin = maxMargin;
        this.scale = scale;
        this.margins = margins(classCounts, maxMargin);
        this.classWeights = ClassWeighting.checked(classWeights);
    }

    static float[] margins(long[] counts, double maxMargin) {
        double[] m = new double[counts.length];
        double max = 0;
        for (int j = 0; j < counts.length; j++) {
            if (counts[j] <= 0) {
                throw new IllegalArgumentException("LDAM needs every class count positive; class " + j + " has " + counts[j]);
            }
            m[j] = 1.0 / Math.sqrt(Math.sqrt(counts[j]));
            max = Math.max(max, m[j]);
        }
        float[] out = new float[counts.length];
        for (int j = 0; j < counts.length; j++) {
            out[j] = (float) (m[j] * maxMargin / max);
        }
        return out;
    }

    @Override
    public NDArray compute(NDArray logits, NDArray labels) {
        int classes = (int) logits.getShape().get(1);
        NDArray oneHot = labels.toType(DataType.INT64, false).oneHot(classes, DataType.FLOAT32);
        NDArray m = logits.getManager().create(margins).toDevice(logits.getDevice(), false);
        NDArray shifted = logits.sub(oneHot.mul(m)).mul(scale);
        return ClassWeighting.apply(classWeights, CrossEntropy.unweighted(shifted, labels), labels);
    }

    @Override
    public float[] classWeights() {
        return classWeights == null ? null : classWeights.clone();
    }

    @Override
    public Ldam withClassWeights(float[] weights) {
        return new Ldam(classCounts, maxMargin, scale, weights);
    }

    @Override
    public String name() {
        return "ldam";
    }
}
