package io.github.absgd.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.listener.TrainingListener.BatchData;
import io.github.absgd.loss.AttentionalLoss;
import io.github.absgd.optim.ThreadGradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One optimisation step with the batch split over the trainer's devices (DJL's data parallelism:
 * {@code optDevices}), giving the update of the whole batch on one device (BatchNorm apart: each
 * device normalises its part by the part's statistics):
 *
 * <ol>
 *   <li>the batch is split, one part a device, and each part goes forward on its device;
 *   <li>each part sends two numbers, log Σ exp(l_i/λ) over its samples and its size; their sum is
 *       the whole batch's, so every part's weights are p_i = exp(l_i/λ − log(u·b)) with the whole
 *       batch's normaliser, and u advances once (the means divide by the whole batch's size or
 *       class-weight total instead);
 *   <li>the parts' objectives Σ p_i·l_i are summed on the first device and differentiated once
 *       (libtorch runs each device's share of the backward pass on that device);
 *   <li>{@code trainer.step()}: DJL sums the devices' gradients and updates each device's copy of
 *       the parameters; {@code Absgd} / {@code AbAdam} take one step per parameter and commit u once.
 * </ol>
 *
 * <p>DJL's {@code EasyTrain.trainBatch} evaluates the loss on each part alone: k parts give k
 * normalisers of which only the last is committed, and means over a part instead of the batch (with
 * gradients summed over devices, about k times the gradient). {@link #trainBatch} replaces it.
 */
public final class MultiDeviceStep {

    private MultiDeviceStep() {}

    /**
     * {@code EasyTrain.trainBatch} for an {@link AttentionalLoss}: the batch split over the trainer's
     * devices as DJL splits it, forward, the whole batch's weights, backward, and the listeners told
     * ({@code onTrainingBatch}). The caller then calls {@code trainer.step()}, as with DJL's.
     */
    public static void trainBatch(Trainer trainer, Batch batch) {
        if (!(trainer.getLoss() instanceof AttentionalLoss loss)) {
            throw new IllegalArgumentException("the trainer's loss is not an AttentionalLoss: " + trainer.getLoss().getName());
        }
        List<NDList> data = new ArrayList<>();
        List<NDList> labels = new ArrayList<>();
        for (Batch split : batch.split(trainer.getDevices(), false)) {
            data.add(split.getData());
            labels.add(split.getLabels());
        }
        List<NDList> predictions = new ArrayList<>();
        backward(trainer, loss, data, labels, predictions);
        BatchData batchData = new BatchData(batch, new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
        for (int k = 0; k < labels.size(); k++) {
            batchData.getLabels().put(labels.get(k).head().getDevice(), labels.get(k));
            batchData.getPredictions().put(predictions.get(k).head().getDevice(), predictions.get(k));
        }
        trainer.notifyListeners(listener -> listener.onTrainingBatch(trainer, batchData));
    }

    /**
     * One step on features {@code x} and labels {@code y}, split into consecutive rows over the
     * trainer's devices (one device: {@link TrainStep#run}), and {@code trainer.step()}.
     */
    public static TrainStep.Result run(Trainer trainer, AttentionalLoss loss, NDArray x, NDArray y) {
        Device[] devices = trainer.getDevices();
        int size = (int) y.size();
        int parts = Math.min(devices.length, size);
        if (parts <= 1) {
            return TrainStep.run(trainer, loss, x, y);
        }
        List<NDList> data = new ArrayList<>();
        List<NDList> labels = new ArrayList<>();
        for (int k = 0; k < parts; k++) {
            NDIndex rows = TrainStep.part(size, k, parts);
            data.add(new NDList(x.get(rows).toDevice(devices[k], false)));
            labels.add(new NDList(y.get(rows).toDevice(devices[k], false)));
        }
        AttentionalLoss.BatchLoss batch = backward(trainer, loss, data, labels, new ArrayList<>());
        trainer.step();
        return TrainStep.Result.of(batch);
    }

    /**
     * Forward of every part on its device (outputs added to {@code predictions}), the parts'
     * objectives from the whole batch, one backward of their sum; the batch's losses, weights and objective.
     */
    private static AttentionalLoss.BatchLoss backward(
            Trainer trainer, AttentionalLoss loss, List<NDList> data, List<NDList> labels, List<NDList> predictions) {
        try (GradientCollector collector = new ThreadGradientCollector()) {
            for (NDList part : data) {
                predictions.add(trainer.forward(part));
            }
            // the sum's gradient flows back to each device's part (a copy between devices is differentiable)
            AttentionalLoss.BatchLoss batch = AttentionalLoss.BatchLoss.joined(loss.evaluateShards(labels, predictions));
            collector.backward(batch.objective());
            return batch;
        }
    }
}
