package io.github.absgd.optim;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.github.absgd.util.InvalidSettingException;

/** libtorch's intra-op thread count: read for reports, set from --threads. */
public final class Threads {

    private Threads() {}

    /**
     * Sets libtorch's intra-op threads; 0 keeps libtorch's default (one per core). More threads than
     * the machine has cores only slow every step down (and a typo such as 100000 swamps the
     * machine), so that is an {@link InvalidSettingException}.
     */
    public static void set(int threads) {
        int cores = Runtime.getRuntime().availableProcessors();
        if (threads < 0 || threads > cores) {
            throw new InvalidSettingException("threads", "must be between 0 (all cores) and " + cores
                    + ", this machine's cores, got " + threads);
        }
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
