package io.github.absgd.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** Helpers shared by the class-weighted losses: validation and the gather of w[y_i]. */
final class ClassWeighting {

    private ClassWeighting() {}

    /** A defensive copy of the weights, rejecting negative or non-finite entries. */
    static float[] checked(float[] weights) {
        if (weights == null) {
            return null;
        }
        for (int j = 0; j < weights.length; j++) {
            if (!(weights[j] >= 0f) || !Float.isFinite(weights[j])) {
                throw new IllegalArgumentException(
                        "class weight " + j + " must be a non-negative finite number, got " + weights[j]);
            }
        }
        return weights.clone();
    }

    /** w[y_i] for each label, shape (b), float32 on the labels' manager. */
    static NDArray perSample(float[] weights, NDArray labels) {
        NDManager manager = labels.getManager();
        NDArray w = manager.create(weights).toDevice(labels.getDevice(), false);
        return w.take(labels.toType(ai.djl.ndarray.types.DataType.INT64, false).flatten());
    }

    /** Multiplies per-sample losses by w[y_i] when weights are set. */
    static NDArray apply(float[] weights, NDArray losses, NDArray labels) {
        return weights == null ? losses : losses.mul(perSample(weights, labels));
    }
}
