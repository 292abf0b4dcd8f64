package io.github.absgd.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import io.github.absgd.loss.AttentionalLoss;
import io.github.absgd.optim.ThreadGradientCollector;

/**
 * One optimisation step on one batch: forward, the loss (attentional or not), backward, optimizer
 * step (which also advances ABSGD's normaliser once). The caller owns the batch's NDManager and
 * closes it after the step, so no activation outlives it.
 */
public final class TrainStep {

    private TrainStep() {}

    /** What a step leaves behind for logging; the arrays live in the batch's manager. */
    public record Result(NDArray losses, NDArray weights, NDArray objective) {}

    public static Result run(Trainer trainer, AttentionalLoss loss, NDArray x, NDArray y) {
        AttentionalLoss.BatchLoss batch;
        // a collector of this thread's graph: DJL's allows one in the process, and runs may train side by side
        try (GradientCollector collector = new ThreadGradientCollector()) {
            NDList logits = trainer.forward(new NDList(x));
            batch = loss.evaluateBatch(new NDList(y), logits);
            collector.backward(batch.objective());
        }
        trainer.step();
        return new Result(batch.losses().stopGradient(), batch.weights(), batch.objective().stopGradient());
    }
}
