package io.github.absgd.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;

/** Softmax cross-entropy per sample, optionally class-weighted: l_i = w[y_i] · (−log softmax(z_i)[y_i]). */
public final class CrossEntropy implements PerSampleLoss {

    private final float[] classWeights;

    public CrossEntropy() {
        this(null);
    }

    public CrossEntropy(float[] classWeights) {
        this.classWeights = ClassWeighting.checked(classWeights);
    }

    @Override
    public NDArray compute(NDArray logits, NDArray labels) {
        return ClassWeighting.apply(classWeights, unweighted(logits, labels), labels);
    }

    /** −log softmax(logits)[y] per sample, shape (b). */
    static NDArray unweighted(NDArray logits, NDArray labels) {
        NDArray labelIndex = labels.toType(DataType.INT64, false).reshape(-1, 1);
        NDArray picked = logits.logSoftmax(1).get(new NDIndex().addAllDim().addPickDim(labelIndex));
        return picked.reshape(-1).neg();
    }

    @Override
    public float[] classWeights() {
        return classWeights == null ? null : classWeights.clone();
    }

    @Override
    public CrossEntropy withClassWeights(float[] weights) {
        return new CrossEntropy(weights);
    }

    @Override
    public String name() {
        return classWeights == null ? "ce" : "weighted-ce";
    }
}
