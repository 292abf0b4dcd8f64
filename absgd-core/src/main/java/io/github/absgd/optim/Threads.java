package io.github.absgd.optim;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/** libtorch's intra-op thread count: read for reports, set from --threads. */
public final class Threads {

    private Threads() {}

    /** Sets libtorch's intra-op threads; 0 keeps libtorch's default (one per core). */
    public static void set(int threads) {
        Engine.getInstance(); // loads libtorch first
        if (threads > 0) {
            JniUtils.setNumThreads(threads);
        }
    }

    public static int current() {
        Engine.getInstance();
        return JniUtils.getNumThreads();
    }
}
