package io.github.absgd.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.tracker.Tracker;
import io.github.absgd.AttentionalTraining;
import io.github.absgd.core.AttentionalWeighting;
import io.github.absgd.loss.CrossEntropy;
import io.github.absgd.optim.Absgd;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The README's Java example, kept compiling and running: ABSGD in a plain DJL training loop. */
class ReadmeExampleTest {

    @Test
    void absgdInADjlTrainingLoop() {
        Random random = new Random(0);
        int n = 512;
        float[][] x = new float[n][2];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 16 == 0 ? 1 : 0; // 1 in 16 is the rare class
            x[i][0] = (float) random.nextGaussian() + (y[i] == 1 ? 2.5f : 0f);
            x[i][1] = (float) random.nextGaussian();
        }
        ai.djl.engine.Engine.getInstance().setRandomSeed(0);
        float[] meanLoss = new float[2];

        // --- README example begins ---
        AttentionalWeighting weighting = AttentionalWeighting.builder()
                .lambda(null)       // stage 1: plain ERM
                .gamma(0.7).alpha(0.5)
                .build();
        Tracker stepDrop = update -> update <= 80 ? 0.1f : 0.01f; // 8 batches an epoch: drop at epoch 10
        Model model = Model.newInstance("absgd-example");
        model.setBlock(new SequentialBlock()
                .add(Linear.builder().setUnits(16).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(2).build()));
        try (Trainer trainer = model.newTrainer(AttentionalTraining.absgd(new CrossEntropy(), weighting,
                Absgd.builder().learningRate(stepDrop).momentum(0.9f).weightDecay(5e-4f)))) {
            trainer.initialize(new Shape(64, 2));
            meanLoss[0] = meanCrossEntropy(trainer, x, y);
            for (int epoch = 0; epoch < 20; epoch++) {
                if (epoch == 10) {
                    weighting.setLambda(5.0); // stage 2: attentional weights on, with the lr drop
                }
                for (int start = 0; start < n; start += 64) {
                    // a sub-manager per batch: every activation of the step is freed when it closes
                    try (NDManager batch = trainer.getManager().newSubManager()) {
                        NDArray features = batch.create(java.util.Arrays.copyOfRange(x, start, start + 64));
                        NDArray labels = batch.create(java.util.Arrays.copyOfRange(y, start, start + 64));
                        try (GradientCollector collector = trainer.newGradientCollector()) {
                            NDList logits = trainer.forward(new NDList(features));
                            NDArray objective = trainer.getLoss().evaluate(new NDList(labels), logits);
                            collector.backward(objective);
                        }
                        trainer.step(); // updates the parameters and advances u once
                    }
                }
            }
            meanLoss[1] = meanCrossEntropy(trainer, x, y);
        }
        model.close();
        // --- README example ends ---

        assertTrue(meanLoss[1] < 0.5f * meanLoss[0], "training reduces the loss: " + meanLoss[0] + " -> " + meanLoss[1]);
        assertTrue(Double.isFinite(weighting.logU()), "u advanced in stage 2");
    }

    private static float meanCrossEntropy(Trainer trainer, float[][] x, int[] y) {
        try (NDManager scope = trainer.getManager().newSubManager()) {
            NDList logits = trainer.evaluate(new NDList(scope.create(x)));
            return new CrossEntropy().compute(logits.head(), scope.create(y)).mean().getFloat();
        }
    }
}
