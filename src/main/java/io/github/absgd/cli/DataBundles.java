package io.github.absgd.cli;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.absgd.data.Batcher;
import io.github.absgd.data.DataLoader;
import io.github.absgd.data.DataOptions;
import io.github.absgd.data.LabeledData;
import io.github.absgd.data.TrainTestData;
import io.github.absgd.train.DataBundle;
import io.github.absgd.train.Samples;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Loads the data a command's options describe and hands it to the trainer as a {@link DataBundle}. */
final class DataBundles implements AutoCloseable {

    private final NDManager manager;
    private final Batcher trainBatcher;
    private final Batcher testBatcher;
    private final DataBundle bundle;

    private DataBundles(DataOptions options, TrainTestData data) {
        manager = NDManager.newBaseManager();
        trainBatcher = data.trainBatcher(manager);
        testBatcher = data.testBatcher(manager);
        List<Long> shape = new ArrayList<>();
        for (int d : data.train().sampleShape()) {
            shape.add((long) d);
        }
        bundle = new DataBundle(new BatcherSamples(data.train(), trainBatcher), new BatcherSamples(data.test(), testBatcher),
                data.numClasses(), toLong(data.trainCounts()), toLong(data.noisyTrainCounts()), shape, data.classNames(),
                description(options));
    }

    static DataBundles load(DataOptions options) {
        return new DataBundles(options, DataLoader.load(options));
    }

    DataBundle bundle() {
        return bundle;
    }

    /** The data options as JSON (long option names as keys), stored with every run's results. */
    static ObjectNode description(DataOptions options) {
        return OptionsJson.of(options);
    }

    private static long[] toLong(int[] values) {
        return Arrays.stream(values).asLongStream().toArray();
    }

    @Override
    public void close() {
        trainBatcher.close();
        testBatcher.close();
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
    }
}
