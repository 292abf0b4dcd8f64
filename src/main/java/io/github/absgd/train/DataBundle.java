package io.github.absgd.train;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The data of a run: training and test samples, the number of classes, the per-class training
 * counts (true labels, after the long-tail subset: they define the class groups and the tail) and
 * the observed ones (after noise: what class weights and LDAM margins are computed from), the
 * shape of one input, and a description of how the data was built (kept with the results).
 */
public record DataBundle(
        Samples train,
        Samples test,
        int numClasses,
        long[] trainCounts,
        long[] observedTrainCounts,
        List<Long> inputShape,
        List<String> classNames,
        JsonNode description) {}
