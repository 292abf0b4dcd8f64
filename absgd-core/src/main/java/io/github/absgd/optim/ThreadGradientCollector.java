package io.github.absgd.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;

/**
 * A {@link GradientCollector} for the calling thread only. DJL's own allows one collector in the
 * whole process (a static flag), though libtorch's autograd mode is per thread; this one switches
 * the thread's mode on for its lifetime, so runs trained side by side in one JVM each record their
 * own graph. Gradients are zeroed by the optimizer after each update, as with DJL's.
 */
public final class ThreadGradientCollector implements GradientCollector {

    private final boolean wasRecording;

    public ThreadGradientCollector() {
        wasRecording = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
    }

    @Override
    public void backward(NDArray target) {
        try (NDArray ones = target.onesLike()) {
            JniUtils.backward((PtNDArray) target, (PtNDArray) ones, false, false);
        }
    }

    /** Not offered: DJL's zeroes every array of the process, which would wipe another run's gradients. */
    @Override
    public void zeroGradients() {
        throw new UnsupportedOperationException("the optimizer zeroes each parameter's gradient after its update");
    }

    @Override
    public void close() {
        if (!wasRecording) {
            JniUtils.setGradMode(false);
        }
    }
}
