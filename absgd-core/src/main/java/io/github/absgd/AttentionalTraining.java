package io.github.absgd;

import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.translate.TranslateException;
import io.github.absgd.core.AttentionalWeighting;
import io.github.absgd.loss.AttentionalLoss;
import io.github.absgd.loss.PerSampleLoss;
import io.github.absgd.optim.AbAdam;
import io.github.absgd.optim.Absgd;
import io.github.absgd.train.MultiDeviceStep;
import io.github.absgd.train.PerDeviceLossGuard;
import java.io.IOException;

/**
 * One-line set-ups of a DJL {@code Trainer} for ABSGD and ABAdam: the attentional loss over a base
 * loss and the optimizer that commits the same weighting once per step, linked.
 *
 * <pre>{@code
 * AttentionalWeighting weighting = AttentionalWeighting.builder().lambda(5.0).gamma(0.7).alpha(0.5).build();
 * Trainer trainer = model.newTrainer(AttentionalTraining.absgd(new CrossEntropy(), weighting,
 *         Absgd.builder().learningRate(Tracker.fixed(0.1f)).momentum(0.9f).weightDecay(5e-4f)));
 * }</pre>
 *
 * <p>On several devices ({@code config.optDevices(...)}) train with {@link #fit} or {@link
 * #trainBatch} instead of {@code EasyTrain}'s, which evaluate the loss on each device's part alone;
 * the configurations made here refuse that with an exception before the step.
 */
public final class AttentionalTraining {

    private AttentionalTraining() {}

    /** ABSGD: Σ p_i·l_i over {@code base}, stepped by momentum SGD with PyTorch semantics. */
    public static DefaultTrainingConfig absgd(PerSampleLoss base, AttentionalWeighting weighting, Absgd.Builder sgd) {
        return new DefaultTrainingConfig(AttentionalLoss.attentional(base, weighting))
                .optOptimizer(sgd.weighting(weighting).build()).addTrainingListeners(new PerDeviceLossGuard());
    }

    /** ABAdam: Σ p_i·l_i over {@code base}, stepped by Adam with PyTorch semantics. */
    public static DefaultTrainingConfig abadam(PerSampleLoss base, AttentionalWeighting weighting, AbAdam.Builder adam) {
        return new DefaultTrainingConfig(AttentionalLoss.attentional(base, weighting))
                .optOptimizer(adam.weighting(weighting).build()).addTrainingListeners(new PerDeviceLossGuard());
    }

    /**
     * {@code EasyTrain.trainBatch} for a trainer whose loss is an {@link AttentionalLoss}, right on
     * any number of devices: the parts' losses are weighted with the whole batch's normaliser (and
     * means divide by the whole batch). Call {@code trainer.step()} after it, as after DJL's.
     */
    public static void trainBatch(Trainer trainer, Batch batch) {
        MultiDeviceStep.trainBatch(trainer, batch);
    }

    /** {@code EasyTrain.fit} with {@link #trainBatch} for each training batch (validation is DJL's). */
    public static void fit(Trainer trainer, int epochs, Dataset train, Dataset validate) throws IOException, TranslateException {
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (Batch batch : trainer.iterateDataset(train)) {
                try (batch) {
                    trainBatch(trainer, batch);
                    trainer.step();
                }
            }
            EasyTrain.evaluateDataset(trainer, validate);
            trainer.notifyListeners(listener -> listener.onEpoch(trainer));
        }
    }
}
