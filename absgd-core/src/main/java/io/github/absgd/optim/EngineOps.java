package io.github.absgd.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.function.Supplier;

/** The engine calls an in-place optimizer step needs that DJL's NDArray API does not offer. */
final class EngineOps {

    private EngineOps() {}

    /** Runs {@code body} with autograd off: PyTorch rejects in-place updates of leaves that record. */
    static <T> T withoutGradient(Supplier<T> body) {
        boolean before = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            return body.get();
        } finally {
            JniUtils.setGradMode(before);
        }
    }

    /**
     * Runs {@code body} with libtorch's intra-op pool set to one thread, then restores the previous
     * count (a cheap call: it only sets OpenMP's thread count for the following ops).
     */
    static <T> T singleThreaded(Supplier<T> body) {
        int before = JniUtils.getNumThreads();
        if (before == 1) {
            return body.get();
        }
        JniUtils.setNumThreads(1);
        try {
            return body.get();
        } finally {
            JniUtils.setNumThreads(before);
        }
    }

    /** Clears the accumulated gradient of a parameter (PyTorch adds into .grad on every backward). */
    static void zeroGradient(NDArray weight) {
        if (weight instanceof PtNDArray ptWeight) {
            JniUtils.zeroGrad(ptWeight);
        } else if (weight.hasGradient()) {
            try (NDArray grad = weight.getGradient()) {
                grad.muli(0);
            }
        }
    }
}
