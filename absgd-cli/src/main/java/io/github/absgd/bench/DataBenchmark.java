package io.github.absgd.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.github.absgd.data.DataBundle;
import io.github.absgd.data.DataBundles;
import io.github.absgd.data.DataSpec;
import io.github.absgd.data.EpochOrder;
import io.github.absgd.data.Samples;
import io.github.absgd.model.ModelSpec;
import io.github.absgd.optim.Threads;
import io.github.absgd.report.Median;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Data loading against training, on the training set a {@link DataSpec} describes, in alternating
 * blocks in one process so that all three see the same machine state: the loader alone (decode when
 * streamed, augment, assemble the batch), ABSGD training steps on the loaded batches (loading
 * included, as a run trains), and the same steps on a few of those batches kept ready (no loading:
 * what the step costs alone). Batches follow the seeded epoch order, as in training, each block
 * planning its own batches (streamed images are decoded ahead from the block's start).
 */
public final class DataBenchmark {

    private static final int READY_BATCHES = 4;

    /**
     * The outcome; times are medians over blocks. {@code loadSeconds}: reading the data (index, normalisation);
     * {@code dataPeakRssBytes}: peak resident memory once the data are read and a block loaded, before any model exists.
     */
    public record Result(String model, int batchSize, int trainImages, boolean streamed, double loadSeconds, int blocks,
            int stepsPerBlock, double loaderBatchSeconds, double trainStepSeconds, double readyStepSeconds,
            long dataPeakRssBytes, long peakRssBytes, int threads) {

        public double loaderImagesPerSecond() {
            return batchSize / loaderBatchSeconds;
        }

        public double trainImagesPerSecond() {
            return batchSize / trainStepSeconds;
        }

        public double readyImagesPerSecond() {
            return batchSize / readyStepSeconds;
        }
    }

    private DataBenchmark() {}

    public static Result run(String modelName, DataSpec data, int batchSize, int blocks, int stepsPerBlock, int warmupSteps) {
        long start = System.nanoTime();
        try (DataBundles loaded = DataBundles.load(data)) {
            double loadSeconds = (System.nanoTime() - start) / 1e9;
            DataBundle bundle = loaded.bundle();
            Samples train = bundle.train();
            List<Long> shape = bundle.inputShape();
            ModelSpec spec = shape.size() == 3 ? ModelSpec.image(shape.get(0), shape.get(1), shape.get(2), bundle.numClasses())
                    : ModelSpec.tabular(shape.get(0), bundle.numClasses());
            Order order = new Order(train.size(), batchSize);
            loader(train, order.next(warmupSteps + stepsPerBlock));
            long dataPeak = PeakMemory.residentBytes();
            try (BenchTrainer trainer = new BenchTrainer(modelName, spec, true); NDManager kept = NDManager.newBaseManager()) {
                List<NDArray[]> ready = new ArrayList<>();
                for (int i = 0; i < READY_BATCHES; i++) {
                    NDList batch = train.batch(kept, order.next(1).get(0), true, i);
                    ready.add(new NDArray[] {batch.get(0), batch.get(1)});
                }
                trainer.steps(loaded(train, order.next(warmupSteps)), warmupSteps);
                trainer.steps(BenchTrainer.held(ready), warmupSteps);
                List<Double> loaderTimes = new ArrayList<>();
                List<Double> trainTimes = new ArrayList<>();
                List<Double> readyTimes = new ArrayList<>();
                for (int block = 0; block < blocks; block++) {
                    for (int turn = 0; turn < 3; turn++) { // each goes first, second and third in turn
                        switch ((block + turn) % 3) {
                            case 0 -> loaderTimes.add(loader(train, order.next(stepsPerBlock)));
                            case 1 -> trainTimes.add(trainer.steps(loaded(train, order.next(stepsPerBlock)), stepsPerBlock));
                            default -> readyTimes.add(trainer.steps(BenchTrainer.held(ready), stepsPerBlock));
                        }
                    }
                }
                return new Result(modelName, batchSize, train.size(), loaded.streamed(), loadSeconds,
                        blocks, stepsPerBlock, Median.of(loaderTimes) / stepsPerBlock, Median.of(trainTimes) / stepsPerBlock,
                        Median.of(readyTimes) / stepsPerBlock, dataPeak, PeakMemory.residentBytes(), Threads.current());
            }
        }
    }

    /** Loads {@code batches} as training asks for them (augmented, in this order); the seconds it took. */
    private static double loader(Samples train, List<int[]> batches) {
        train.plan(batches);
        long start = System.nanoTime();
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int i = 0; i < batches.size(); i++) {
                try (NDManager scope = manager.newSubManager()) {
                    train.batch(scope, batches.get(i), true, i);
                }
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** A training step's batch source: {@code batches} in order, loaded (and, when streamed, decoded ahead) as training loads them. */
    private static BiFunction<NDManager, Integer, NDList> loaded(Samples train, List<int[]> batches) {
        train.plan(batches);
        return (scope, step) -> train.batch(scope, batches.get(step), true, step);
    }

    /** The training set's batches epoch after epoch in the seeded epoch order (seed 0), handed out in turn. */
    private static final class Order {
        private final int size;
        private final int batchSize;
        private final List<int[]> batches = new ArrayList<>();
        private int epoch;
        private int next;

        Order(int size, int batchSize) {
            this.size = size;
            this.batchSize = batchSize;
        }

        List<int[]> next(int count) {
            List<int[]> out = new ArrayList<>();
            while (out.size() < count) {
                if (next == batches.size()) {
                    batches.clear();
                    batches.addAll(EpochOrder.batches(size, batchSize, 0, epoch++));
                    next = 0;
                }
                out.add(batches.get(next++));
            }
            return out;
        }
    }
}
