package io.github.absgd.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.absgd.model.ModelSpec;
import io.github.absgd.report.Median;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Training-step time of a model, plain momentum SGD on mean cross-entropy against ABSGD (the same
 * optimizer, attentional loss with lambda on), in alternating blocks in one process so that both
 * see the same machine state. Inputs are random batches generated up front (no data loading).
 */
public final class StepBenchmark {

    /**
     * The benchmark's outcome; times are medians over blocks, in seconds per step. {@code absgdOverSgd}
     * is the median of {@code blockRatios}, each block's ABSGD time over its neighbouring SGD block's:
     * a pair runs back to back, so the machine's slow drift (the load of other tenants) cancels out.
     */
    public record Result(
            String model, int batchSize, int blocks, int stepsPerBlock, double sgdStepSeconds, double absgdStepSeconds,
            List<Double> blockRatios, long peakRssBytes, long flopsPerImage, int threads) {

        public double absgdOverSgd() {
            return Median.of(blockRatios);
        }

        public double sgdImagesPerSecond() {
            return batchSize / sgdStepSeconds;
        }

        public double absgdImagesPerSecond() {
            return batchSize / absgdStepSeconds;
        }

        /** Training FLOPs counted as 3 x forward (forward + backward), per second, for ABSGD. */
        public double gflopsPerSecond() {
            return 3.0 * flopsPerImage * absgdImagesPerSecond() / 1e9;
        }
    }

    private StepBenchmark() {}

    public static Result run(String modelName, ModelSpec spec, int batchSize, int blocks, int stepsPerBlock, int warmupSteps) {
        Engine.getInstance().setRandomSeed(0);
        try (BenchTrainer sgd = new BenchTrainer(modelName, spec, false);
                BenchTrainer absgd = new BenchTrainer(modelName, spec, true);
                NDManager data = NDManager.newBaseManager()) {
            Random random = new Random(0);
            List<NDArray[]> batches = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                NDArray x = data.randomNormal(spec.batchShape(batchSize));
                int[] labels = new int[batchSize];
                for (int j = 0; j < batchSize; j++) {
                    labels[j] = random.nextInt(spec.classes());
                }
                batches.add(new NDArray[] {x, data.create(labels).toType(DataType.INT64, false)});
            }
            sgd.steps(BenchTrainer.held(batches), warmupSteps);
            absgd.steps(BenchTrainer.held(batches), warmupSteps);
            List<Double> sgdTimes = new ArrayList<>();
            List<Double> absgdTimes = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            for (int block = 0; block < blocks; block++) {
                // alternate which goes first, so neither always follows the other
                if (block % 2 == 0) {
                    sgdTimes.add(sgd.steps(BenchTrainer.held(batches), stepsPerBlock));
                    absgdTimes.add(absgd.steps(BenchTrainer.held(batches), stepsPerBlock));
                } else {
                    absgdTimes.add(absgd.steps(BenchTrainer.held(batches), stepsPerBlock));
                    sgdTimes.add(sgd.steps(BenchTrainer.held(batches), stepsPerBlock));
                }
                ratios.add(absgdTimes.get(block) / sgdTimes.get(block));
            }
            return new Result(modelName, batchSize, blocks, stepsPerBlock, Median.of(sgdTimes) / stepsPerBlock,
                    Median.of(absgdTimes) / stepsPerBlock, List.copyOf(ratios), PeakMemory.residentBytes(),
                    sgd.model.forwardFlopsPerImage(),
                    io.github.absgd.optim.Threads.current());
        }
    }

    /**
     * Records libtorch's profile of {@code steps} ABSGD training steps (after a warm-up) as a Chrome
     * trace in {@code traceFile}: where a step's time goes, operator by operator. Run apart from the
     * timing, since the profiler slows every operator down.
     */
    public static void profile(String modelName, ModelSpec spec, int batchSize, int warmupSteps, int steps, java.nio.file.Path traceFile) {
        Engine.getInstance().setRandomSeed(0);
        try (BenchTrainer absgd = new BenchTrainer(modelName, spec, true); NDManager data = NDManager.newBaseManager()) {
            List<NDArray[]> batches = List.<NDArray[]>of(new NDArray[] {
                data.randomNormal(spec.batchShape(batchSize)),
                data.randomInteger(0, spec.classes(), new ai.djl.ndarray.types.Shape(batchSize), DataType.INT64)});
            absgd.steps(BenchTrainer.held(batches), warmupSteps);
            ai.djl.pytorch.jni.JniUtils.startProfile(false, true, false);
            try {
                absgd.steps(BenchTrainer.held(batches), steps);
            } finally {
                ai.djl.pytorch.jni.JniUtils.stopProfile(traceFile.toString());
            }
        }
    }
}
