package io.github.absgd.data;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The data a {@link DataSpec} describes, read by {@link DataLoader} and held as a {@link DataBundle}
 * for training and evaluation; closing it frees the batchers' arrays.
 */
public final class DataBundles implements AutoCloseable {

    private final NDManager manager;
    private final Batcher trainBatcher;
    private final Batcher testBatcher;
    private final Batcher validationBatcher;
    private final DataBundle bundle;
    private final boolean streamed;

    private DataBundles(TrainTestData data) {
        manager = NDManager.newBaseManager();
        trainBatcher = data.trainBatcher(manager);
        testBatcher = data.testBatcher(manager);
        validationBatcher = data.validationBatcher(manager);
        streamed = data.train().isStreamed();
        List<Long> shape = new ArrayList<>();
        for (int d : data.train().sampleShape()) {
            shape.add((long) d);
        }
        bundle = new DataBundle(new BatcherSamples(data.train(), trainBatcher), new BatcherSamples(data.test(), testBatcher),
                data.numClasses(), toLong(data.trainCounts()), toLong(data.noisyTrainCounts()), shape, data.classNames(),
                validationBatcher == null ? null : new BatcherSamples(data.validation(), validationBatcher));
    }

    /** Reads the data (see {@link DataLoader#load}). */
    public static DataBundles load(DataSpec spec) {
        return new DataBundles(DataLoader.load(spec));
    }

    public DataBundle bundle() {
        return bundle;
    }

    /** Whether the images are streamed from their files (see {@link DataSpec#stream()}) rather than held in memory. */
    public boolean streamed() {
        return streamed;
    }

    private static long[] toLong(int[] values) {
        return Arrays.stream(values).asLongStream().toArray();
    }

    @Override
    public void close() {
        trainBatcher.close();
        testBatcher.close();
        if (validationBatcher != null) {
            validationBatcher.close();
        }
        manager.close();
    }

    /** A data set and its batcher as the trainer's {@link Samples}. */
    private record BatcherSamples(LabeledData data, Batcher batcher) implements Samples {
        @Override
        public int size() {
            return data.size();
        }

        @Override
        public int[] labels() {
            return data.labels();
        }

        @Override
        public int[] trueLabels() {
            return data.trueLabels();
        }

        @Override
        public NDList batch(NDManager target, int[] indices, boolean augment, long seed) {
            return batcher.batch(target, indices, augment, new Random(seed));
        }

        @Override
        public void plan(List<int[]> batches) {
            batcher.plan(batches);
        }
    }
}
