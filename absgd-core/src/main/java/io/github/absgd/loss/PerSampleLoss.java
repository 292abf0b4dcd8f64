package io.github.absgd.loss;

import ai.djl.ndarray.NDArray;

/**
 * A base loss l_i per sample, without reduction: {@code compute(logits (b, C), labels (b))} has
 * shape (b). Implementations are immutable; {@link #withClassWeights} returns a re-weighted copy
 * (deferred re-weighting swaps the weights in at stage 2).
 */
public interface PerSampleLoss {

    /** The per-sample losses of a batch, shape (b), on the logits' device and manager. */
    NDArray compute(NDArray logits, NDArray labels);

    /** Per-class weights w (l_i is multiplied by w[y_i]), or null for none. */
    float[] classWeights();

    /** The same loss with other class weights (null: unweighted). */
    PerSampleLoss withClassWeights(float[] classWeights);

    /** A short name for logs and reports. */
    String name();
}
