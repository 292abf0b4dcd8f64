package io.github.absgd.train;

import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;
import io.github.absgd.loss.AttentionalLoss;

/**
 * Refuses, before the optimizer step, a batch trained on several devices whose {@link
 * AttentionalLoss} was evaluated one device's part at a time, as DJL's {@code EasyTrain.trainBatch}
 * does: each part would get its own normaliser (only the last committed) and its own mean, and the
 * step would be silently wrong. {@link MultiDeviceStep#trainBatch} evaluates the parts together.
 */
public final class PerDeviceLossGuard extends TrainingListenerAdapter {

    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        if (trainer.getDevices().length > 1 && trainer.getLoss() instanceof AttentionalLoss loss
                && !loss.lastObjectiveFromShards()) {
            throw new IllegalStateException("the batch was split over " + trainer.getDevices().length
                    + " devices and the loss evaluated on each part alone (EasyTrain.trainBatch / EasyTrain.fit), which"
                    + " weighs each part by its own normaliser and mean; use AttentionalTraining.trainBatch /"
                    + " AttentionalTraining.fit on several devices");
        }
    }
}
