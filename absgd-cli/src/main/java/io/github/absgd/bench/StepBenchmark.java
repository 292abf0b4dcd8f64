package io.github.absgd.bench;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.tracker.Tracker;
import io.github.absgd.loss.AttentionalLoss;
import io.github.absgd.model.ClassifierModel;
import io.github.absgd.model.ModelSpec;
import io.github.absgd.model.Models;
import io.github.absgd.optim.GradientCheck;
import io.github.absgd.report.Median;
import io.github.absgd.train.Method;
import io.github.absgd.train.Recipe;
import io.github.absgd.train.RunSpec;
import io.github.absgd.train.TrainStep;
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
        try (Contender sgd = new Contender(modelName, spec, false);
                Contender absgd = new Contender(modelName, spec, true);
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
            sgd.steps(batches, warmupSteps);
            absgd.steps(batches, warmupSteps);
            List<Double> sgdTimes = new ArrayList<>();
            List<Double> absgdTimes = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            for (int block = 0; block < blocks; block++) {
                // alternate which goes first, so neither always follows the other
                if (block % 2 == 0) {
                    sgdTimes.add(sgd.steps(batches, stepsPerBlock));
                    absgdTimes.add(absgd.steps(batches, stepsPerBlock));
                } else {
                    absgdTimes.add(absgd.steps(batches, stepsPerBlock));
                    sgdTimes.add(sgd.steps(batches, stepsPerBlock));
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
        try (Contender absgd = new Contender(modelName, spec, true); NDManager data = NDManager.newBaseManager()) {
            List<NDArray[]> batches = List.<NDArray[]>of(new NDArray[] {
                data.randomNormal(spec.batchShape(batchSize)),
                data.randomInteger(0, spec.classes(), new ai.djl.ndarray.types.Shape(batchSize), DataType.INT64)});
            absgd.steps(batches, warmupSteps);
            ai.djl.pytorch.jni.JniUtils.startProfile(false, true, false);
            try {
                absgd.steps(batches, steps);
            } finally {
                ai.djl.pytorch.jni.JniUtils.stopProfile(traceFile.toString());
            }
        }
    }

    /** One model with its trainer: plain SGD + mean CE, or ABSGD with lambda on. */
    private static final class Contender implements AutoCloseable {
        final ClassifierModel model;
        final Model djlModel;
        final Trainer trainer;
        final AttentionalLoss loss;

        Contender(String name, ModelSpec spec, boolean attentional) {
            model = Models.create(name, spec);
            djlModel = Model.newInstance(name);
            djlModel.setBlock(model.block());
            // the recipe's pieces (lambda 5, gamma 0.7, alpha 0.5, momentum 0.9, decay 5e-4), in stage 2 from the start
            RunSpec run = RunSpec.builder().model(name).method(attentional ? Method.ABSGD : Method.CE).stage2Epoch(0).build();
            long[] balanced = new long[spec.classes()];
            java.util.Arrays.fill(balanced, 1);
            Recipe recipe = Recipe.of(run, balanced, Tracker.fixed(0.01f));
            recipe.enterEpoch(0);
            loss = recipe.loss();
            trainer = djlModel.newTrainer(new DefaultTrainingConfig(loss).optOptimizer(recipe.optimizer()));
            trainer.initialize(model.inputShape(1));
            GradientCheck.disable(trainer);
        }

        /** Runs {@code n} steps and returns the seconds they took. */
        double steps(List<NDArray[]> batches, int n) {
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                NDArray[] batch = batches.get(i % batches.size());
                try (NDManager scope = trainer.getManager().newSubManager()) {
                    NDArray x = batch[0].duplicate();
                    x.attach(scope);
                    TrainStep.Result result = TrainStep.run(trainer, loss, x, batch[1]);
                    result.objective().getFloat(); // the one host read a training loop makes per step
                }
            }
            return (System.nanoTime() - start) / 1e9;
        }

        @Override
        public void close() {
            trainer.close();
            djlModel.close();
        }
    }
}
