package io.github.absgd.data;

import java.util.List;

/**
 * The data of a run: training and test samples, the number of classes, the per-class training
 * counts (true labels, after the long-tail subset: they define the class groups and the tail) and
 * the observed ones (after noise: what class weights and LDAM margins are computed from), the
 * shape of one input, the classes' names (null: numbered), and optionally validation samples (what
 * the choice of an epoch or a setting reads; never the test set). {@link DataBundles#load} builds one
 * from a {@link DataSpec}; an application with data of its own implements {@link Samples} and builds
 * it directly.
 */
public record DataBundle(
        Samples train,
        Samples test,
        int numClasses,
        long[] trainCounts,
        long[] observedTrainCounts,
        List<Long> inputShape,
        List<String> classNames,
        Samples validation) {

    /** Data without a validation set. */
    public DataBundle(Samples train, Samples test, int numClasses, long[] trainCounts, long[] observedTrainCounts,
            List<Long> inputShape, List<String> classNames) {
        this(train, test, numClasses, trainCounts, observedTrainCounts, inputShape, classNames, null);
    }
}
