package io.github.absgd.data;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.List;

/**
 * A data set as the trainer sees it: labels on the host, batches assembled on demand into the
 * caller's manager. {@code batch} returns the inputs (float32, normalised, augmented when asked)
 * and the observed labels (int64); the same indices and seed give the same batch.
 */
public interface Samples {

    int size();

    /** Observed labels (after any label noise). */
    int[] labels();

    /** True labels (equal to {@link #labels()} without noise). */
    int[] trueLabels();

    NDList batch(NDManager manager, int[] indices, boolean augment, long seed);

    /**
     * Says which batches the calling thread will ask for next, in order (e.g. the rest of an epoch),
     * so that samples decoded from files can be read ahead; a later plan replaces it, and asking for
     * another batch drops it. Only a hint: the default ignores it, and every batch is the same with or
     * without it.
     */
    default void plan(List<int[]> batches) {}
}
