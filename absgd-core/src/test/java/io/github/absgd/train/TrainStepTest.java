package io.github.absgd.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.Activation;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import io.github.absgd.core.AttentionalWeighting;
import io.github.absgd.loss.AttentionalLoss;
import io.github.absgd.loss.CrossEntropy;
import io.github.absgd.optim.Absgd;
import io.github.absgd.optim.GradientCheck;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Gradient accumulation: K micro-batches and one optimizer step give the update of the whole batch. */
class TrainStepTest {

    private static final int FEATURES = 8;
    private static final int CLASSES = 4;
    private static final int BATCH = 128;

    @ParameterizedTest(name = "{0} in {1} micro-batches")
    @CsvSource({"ATTENTIONAL, 2", "ATTENTIONAL, 3", "MEAN, 2", "CLASS_WEIGHTED_MEAN, 3", "ERM, 2"})
    void accumulatedMicroBatchesGiveTheWholeBatchsUpdate(String reduction, int parts) {
        float[][] whole = train(reduction, 1);
        float[][] accumulated = train(reduction, parts);
        for (int i = 0; i < whole.length - 1; i++) {
            assertArrayEquals(whole[i], accumulated[i], 2e-6f, "parameter " + i + " after 3 steps");
        }
        assertEquals(whole[whole.length - 1][0], accumulated[whole.length - 1][0], 1e-6, "log u");
        assertTrue(!reduction.equals("ATTENTIONAL") || Double.isFinite(whole[whole.length - 1][0]), "u moved");
    }

    /** Three steps of a two-layer network without BatchNorm from a fixed start; the parameters, then log u. */
    private static float[][] train(String reduction, int parts) {
        AttentionalWeighting weighting = AttentionalWeighting.builder().gamma(0.7).alpha(0.5)
                .lambda(reduction.equals("ATTENTIONAL") ? 1.0 : null).build();
        float[] classWeights = reduction.equals("CLASS_WEIGHTED_MEAN") ? new float[] {0.5f, 1f, 1.5f, 1f} : null;
        AttentionalLoss loss = switch (reduction) {
            case "ATTENTIONAL", "ERM" -> AttentionalLoss.attentional(new CrossEntropy(), weighting);
            case "MEAN" -> AttentionalLoss.mean(new CrossEntropy());
            default -> AttentionalLoss.classWeightedMean(new CrossEntropy());
        };
        loss.setClassWeights(classWeights);
        Block block = new SequentialBlock().add(Linear.builder().setUnits(16).build()).add(Activation::relu)
                .add(Linear.builder().setUnits(CLASSES).build());
        try (Model model = Model.newInstance("accumulate")) {
            model.setBlock(block);
            Absgd optimizer = Absgd.builder().learningRate(ai.djl.training.tracker.Tracker.fixed(0.1f)).momentum(0.9f)
                    .weightDecay(5e-4f).weighting(weighting).build();
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(loss).optOptimizer(optimizer))) {
                trainer.initialize(new Shape(1, FEATURES));
                GradientCheck.disable(trainer);
                FixedStart.gaussian(block, 3, 0.3);
                Random data = new Random(5);
                for (int step = 0; step < 3; step++) {
                    try (NDManager batch = trainer.getManager().newSubManager()) {
                        float[] features = new float[BATCH * FEATURES];
                        float[] labels = new float[BATCH];
                        for (int i = 0; i < features.length; i++) {
                            features[i] = (float) data.nextGaussian();
                        }
                        for (int i = 0; i < BATCH; i++) {
                            labels[i] = data.nextInt(CLASSES);
                        }
                        NDArray x = batch.create(features, new Shape(BATCH, FEATURES));
                        NDArray y = batch.create(labels).toType(DataType.INT64, false);
                        TrainStep.runAccumulated(trainer, loss, x, y, parts);
                    }
                }
                float[][] out = new float[block.getParameters().size() + 1][];
                for (int i = 0; i < block.getParameters().size(); i++) {
                    out[i] = block.getParameters().get(i).getValue().getArray().toFloatArray();
                }
                out[out.length - 1] = new float[] {(float) weighting.logU()};
                return out;
            }
        }
    }
}
