package io.github.absgd.conformance;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.github.absgd.conformance.GoldenCase.Expected;
import io.github.absgd.conformance.GoldenCase.LossSpec;
import io.github.absgd.conformance.GoldenCase.Step;
import io.github.absgd.core.AttentionalWeighting;
import io.github.absgd.loss.AttentionalLoss;
import io.github.absgd.loss.EffectiveNumberWeights;
import io.github.absgd.loss.PerSampleLoss;
import io.github.absgd.optim.AbAdam;
import io.github.absgd.optim.Absgd;
import io.github.absgd.optim.GradientCheck;
import io.github.absgd.train.BaseLoss;
import io.github.absgd.train.OptimizerKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Replays a {@link GoldenCase} through the library's own classes, the way a DJL user would use
 * them: a DJL {@link Linear} block in a {@link Trainer}, {@link AttentionalLoss} over the case's
 * base loss, {@link AttentionalWeighting}, and {@link Absgd} or {@link AbAdam}, all in float32.
 */
public final class ConformanceRunner {

    private ConformanceRunner() {}

    public static ConformanceResult run(GoldenCase golden) {
        return run(golden, 1);
    }

    /**
     * Replays {@code golden} with every batch split into {@code splits} shards of unequal sizes
     * (in proportion 1 : 2 : ... : K) whose losses and gradients are computed separately and summed,
     * as on several devices or with gradient accumulation; the trajectory must not change.
     */
    public static ConformanceResult run(GoldenCase golden, int splits) {
        if (splits < 1) {
            throw new IllegalArgumentException("splits must be at least 1, got " + splits);
        }
        AttentionalWeighting weighting = AttentionalWeighting.builder()
                .gamma(golden.gamma())
                .alpha(golden.alpha())
                .build();
        AttentionalLoss loss = AttentionalLoss.attentional(baseLoss(golden.loss(), golden.tolerance()), weighting);
        float[] learningRate = new float[1];
        Tracker stepLearningRate = numUpdate -> learningRate[0];
        Optimizer optimizer = optimizer(golden, weighting, stepLearningRate);

        Comparison comparison = new Comparison(golden.tolerance());
        Block block = Linear.builder().setUnits(golden.classes()).optBias(true).build();
        try (Model model = Model.newInstance("golden-" + golden.name())) {
            model.setBlock(block);
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(loss).optOptimizer(optimizer))) {
                trainer.initialize(new Shape(1, golden.inputs()));
                GradientCheck.disable(trainer);
                block.getParameters().get("weight").getArray().set(toFloats(flatten(golden.initWeight())));
                block.getParameters().get("bias").getArray().set(toFloats(golden.initBias()));
                for (int s = 0; s < golden.steps().size(); s++) {
                    Step step = golden.steps().get(s);
                    learningRate[0] = (float) step.lr();
                    weighting.setLambda(step.lambda());
                    comparison.atStep(s + 1);
                    try (NDManager batch = trainer.getManager().newSubManager()) {
                        runStep(trainer, loss, weighting, batch, step, comparison, splits);
                    }
                }
            }
        }
        return new ConformanceResult(
                golden.name(), golden.steps().size(), comparison.maxDeviation, golden.tolerance(), comparison.firstFailure);
    }

    private static void runStep(
            Trainer trainer,
            AttentionalLoss loss,
            AttentionalWeighting weighting,
            NDManager batch,
            Step step,
            Comparison comparison,
            int splits) {
        NDArray x = batch.create(toFloats(step.x()));
        NDArray y = batch.create(step.y()).toType(DataType.INT64, false);
        float[] losses;
        float[] weights;
        float objective;
        try (GradientCollector collector = trainer.newGradientCollector()) {
            if (splits == 1) {
                NDList predictions = trainer.forward(new NDList(x));
                AttentionalLoss.BatchLoss result = loss.evaluateBatch(new NDList(y), predictions);
                collector.backward(result.objective());
                losses = result.losses().toFloatArray();
                weights = result.weights().toFloatArray();
                objective = result.objective().getFloat();
            } else {
                List<NDList> labels = new ArrayList<>();
                List<NDList> predictions = new ArrayList<>();
                int[] bounds = shardBounds((int) y.size(), splits);
                for (int k = 0; k + 1 < bounds.length; k++) {
                    NDIndex rows = new NDIndex(bounds[k] + ":" + bounds[k + 1]);
                    labels.add(new NDList(y.get(rows)));
                    predictions.add(trainer.forward(new NDList(x.get(rows))));
                }
                List<AttentionalLoss.BatchLoss> shards = loss.evaluateShards(labels, predictions);
                NDList shardLosses = new NDList();
                NDList shardWeights = new NDList();
                objective = 0;
                for (AttentionalLoss.BatchLoss shard : shards) {
                    collector.backward(shard.objective()); // each shard's gradient adds into the parameters' own
                    shardLosses.add(shard.losses());
                    shardWeights.add(shard.weights());
                    objective += shard.objective().getFloat();
                }
                losses = NDArrays.concat(shardLosses).toFloatArray();
                weights = NDArrays.concat(shardWeights).toFloatArray();
            }
        }
        trainer.step();
        Expected expected = step.expected();
        comparison.relative("losses", losses, expected.losses());
        comparison.absolute("weights", weights, expected.weights());
        comparison.logU(weighting.logU(), expected.logU());
        comparison.relative("objective", new float[] {objective}, new double[] {expected.objective()});
        Block block = trainer.getModel().getBlock();
        float[] weight = block.getParameters().get("weight").getArray().toFloatArray();
        comparison.absolute("weight", weight, flatten(expected.weight()));
        comparison.absolute("bias", block.getParameters().get("bias").getArray().toFloatArray(), expected.bias());
    }

    /** Row bounds of {@code splits} shards of a batch of {@code size}, in proportion 1 : 2 : ... : splits, none empty. */
    static int[] shardBounds(int size, int splits) {
        int shards = Math.min(splits, size);
        int[] bounds = new int[shards + 1];
        long total = (long) shards * (shards + 1) / 2;
        for (int k = 1; k <= shards; k++) {
            bounds[k] = Math.max(bounds[k - 1] + 1, (int) (size * ((long) k * (k + 1) / 2) / total));
        }
        bounds[shards] = size;
        return bounds;
    }

    static PerSampleLoss baseLoss(LossSpec spec, double tolerance) {
        BaseLoss.Settings settings = new BaseLoss.Settings(
                spec.focalGamma() == null ? 0 : spec.focalGamma(), 0,
                spec.ldamMaxMargin() == null ? 0 : spec.ldamMaxMargin(), spec.ldamScale() == null ? 0 : spec.ldamScale());
        return BaseLoss.parse(spec.type()).create(settings, spec.classCounts(), classWeights(spec, tolerance));
    }

    /**
     * The case's class weights; where the file gives the counts and beta behind them, the library
     * computes them itself (and they must agree with the file's).
     */
    private static float[] classWeights(LossSpec spec, double tolerance) {
        if (spec.classWeights() == null) {
            return null;
        }
        if (spec.classCounts() == null || spec.beta() == null) {
            return toFloats(spec.classWeights());
        }
        float[] ours = EffectiveNumberWeights.of(spec.classCounts(), spec.beta());
        for (int j = 0; j < ours.length; j++) {
            if (Math.abs(ours[j] - spec.classWeights()[j]) > tolerance * Math.max(1, Math.abs(spec.classWeights()[j]))) {
                throw new IllegalStateException(String.format(
                        Locale.ROOT,
                        "effective-number weight of class %d is %.6g, the file says %.6g",
                        j, ours[j], spec.classWeights()[j]));
            }
        }
        return ours;
    }

    private static Optimizer optimizer(GoldenCase golden, AttentionalWeighting weighting, Tracker learningRate) {
        GoldenCase.OptimizerSpec spec = golden.optimizer();
        OptimizerKind kind = "adam".equals(spec.type()) ? OptimizerKind.ADAM : OptimizerKind.SGD;
        OptimizerKind.Settings settings = new OptimizerKind.Settings(
                spec.momentum(), spec.nesterov(), spec.weightDecay(), spec.beta1(), spec.beta2(), spec.eps());
        return kind.create(settings, learningRate, weighting);
    }

    private static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    private static float[][] toFloats(double[][] values) {
        float[][] out = new float[values.length][];
        for (int i = 0; i < values.length; i++) {
            out[i] = toFloats(values[i]);
        }
        return out;
    }

    private static double[] flatten(double[][] matrix) {
        int columns = matrix[0].length;
        double[] out = new double[matrix.length * columns];
        for (int r = 0; r < matrix.length; r++) {
            System.arraycopy(matrix[r], 0, out, r * columns, columns);
        }
        return out;
    }

    /** Applies the README's comparison rules and remembers the largest scaled deviation. */
    private static final class Comparison {
        private final double tolerance;
        private double maxDeviation;
        private String firstFailure;
        private int step;

        Comparison(double tolerance) {
            this.tolerance = tolerance;
        }

        void atStep(int step) {
            this.step = step;
        }

        void absolute(String quantity, float[] got, double[] expected) {
            compare(quantity, got, expected, false);
        }

        void relative(String quantity, float[] got, double[] expected) {
            compare(quantity, got, expected, true);
        }

        void logU(double got, Double expected) {
            if (expected == null) {
                if (got != Double.NEGATIVE_INFINITY) {
                    fail(String.format(Locale.ROOT, "step %d log_u: got %.6g, expected none (u = 0)", step, got));
                }
                return;
            }
            check("log_u", 0, got, expected, true);
        }

        private void compare(String quantity, float[] got, double[] expected, boolean relative) {
            if (got.length != expected.length) {
                fail(String.format(Locale.ROOT, "step %d %s: got %d numbers, expected %d", step, quantity, got.length, expected.length));
                return;
            }
            for (int i = 0; i < got.length; i++) {
                check(quantity, i, got[i], expected[i], relative);
            }
        }

        private void check(String quantity, int index, double got, double expected, boolean relative) {
            double scale = relative ? Math.max(1.0, Math.abs(expected)) : 1.0;
            double deviation = Math.abs(got - expected) / scale;
            if (Double.isNaN(deviation)) {
                deviation = Double.POSITIVE_INFINITY;
            }
            maxDeviation = Math.max(maxDeviation, deviation);
            if (deviation > tolerance) {
                fail(String.format(
                        Locale.ROOT, "step %d %s[%d]: got %.8g, expected %.8g", step, quantity, index, got, expected));
            }
        }

        private void fail(String message) {
            if (firstFailure == null) {
                firstFailure = message;
            }
        }
    }
}
