package io.github.absgd.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.util.Pair;
import io.github.absgd.core.AttentionalWeighting;
import io.github.absgd.loss.AttentionalLoss;
import io.github.absgd.optim.ThreadGradientCollector;
import java.util.ArrayList;
import java.util.List;

/**
 * One optimisation step on one batch: forward, the loss (attentional or not), backward, optimizer
 * step (which also advances ABSGD's normaliser once). The caller owns the batch's NDManager and
 * closes it after the step, so no activation outlives it.
 */
public final class TrainStep {

    private TrainStep() {}

    /** What a step leaves behind for logging; the arrays live in the batch's manager. */
    public record Result(NDArray losses, NDArray weights, NDArray objective) {

        /** What a step leaves of a batch's loss, detached from the graph. */
        static Result of(AttentionalLoss.BatchLoss batch) {
            return new Result(batch.losses().stopGradient(), batch.weights(), batch.objective().stopGradient());
        }
    }

    public static Result run(Trainer trainer, AttentionalLoss loss, NDArray x, NDArray y) {
        AttentionalLoss.BatchLoss batch;
        // a collector of this thread's graph: DJL's allows one in the process, and runs may train side by side
        try (GradientCollector collector = new ThreadGradientCollector()) {
            NDList logits = trainer.forward(new NDList(x));
            batch = loss.evaluateBatch(new NDList(y), logits);
            collector.backward(batch.objective());
        }
        trainer.step();
        return Result.of(batch);
    }

    /**
     * The same step with the batch in {@code microBatches} consecutive parts, one forward and
     * backward at a time (only one part's activations in memory), and one optimizer step: the
     * update of the whole batch, BatchNorm apart (its statistics are a part's).
     *
     * <p>ABSGD's weights p_i = exp(l_i/λ − log(u·b)) need the whole batch's normaliser, known only
     * after the last part. Each part's gradient is taken with weights exp(l_i/λ − R), R the running
     * log Σ exp(l_i/λ) of the parts so far; when R grows, the gradients gathered so far are scaled by
     * exp(R_old − R_new), and after the last part by exp(R − log(u·b)), as an online softmax does.
     * The means divide by the whole batch's size (or class-weight total), known from the labels.
     */
    public static Result runAccumulated(Trainer trainer, AttentionalLoss loss, NDArray x, NDArray y, int microBatches) {
        int size = (int) y.size();
        if (microBatches <= 1 || size < 2) {
            return run(trainer, loss, x, y);
        }
        AttentionalWeighting weighting = loss.reduction() == AttentionalLoss.Reduction.ATTENTIONAL ? loss.weighting() : null;
        boolean attention = weighting != null && weighting.lambda() != null;
        double denominator = loss.meanDenominator(y);
        List<Parameter> parameters = trainable(trainer);
        double reference = Double.NEGATIVE_INFINITY;
        NDList losses = new NDList();
        int parts = Math.min(microBatches, size);
        for (int k = 0; k < parts; k++) {
            NDIndex rows = part(size, k, parts);
            try (GradientCollector collector = new ThreadGradientCollector()) {
                NDArray part = loss.base().compute(trainer.forward(new NDList(x.get(rows))).head(), y.get(rows));
                NDArray objective;
                if (attention) {
                    double grown = weighting.shardSum(part).plus(new AttentionalWeighting.ShardSum(reference, 0)).logSumExp();
                    if (reference != Double.NEGATIVE_INFINITY) { // before the first part nothing is gathered yet
                        scaleGradients(parameters, Math.exp(reference - grown));
                    }
                    reference = grown;
                    objective = part.mul(weighting.relativeWeights(part, reference)).sum();
                } else {
                    objective = part.sum().div(denominator);
                }
                collector.backward(objective);
                losses.add(part.stopGradient());
            }
        }
        NDArray all = NDArrays.concat(losses);
        NDArray weights;
        if (attention) {
            double logNormaliser = weighting.advance(new AttentionalWeighting.ShardSum(reference, size));
            scaleGradients(parameters, Math.exp(reference - logNormaliser));
            weights = weighting.relativeWeights(all, logNormaliser);
        } else {
            if (weighting != null) {
                weighting.discardPending(); // ERM: u stays where it is
            }
            weights = weighting != null ? all.onesLike().divi(size) : null;
        }
        trainer.step();
        NDArray objective = weights != null ? all.mul(weights).sum() : all.sum().div(denominator);
        return new Result(all, weights, objective);
    }

    /** The rows of part {@code k} of {@code parts} consecutive parts of a batch of {@code size} (sizes differ by at most one). */
    static NDIndex part(int size, int k, int parts) {
        return new NDIndex(size * k / parts + ":" + size * (k + 1) / parts);
    }

    private static List<Parameter> trainable(Trainer trainer) {
        List<Parameter> parameters = new ArrayList<>();
        for (Pair<String, Parameter> p : trainer.getModel().getBlock().getParameters()) {
            if (p.getValue().requiresGradient()) {
                parameters.add(p.getValue());
            }
        }
        return parameters;
    }

    private static void scaleGradients(List<Parameter> parameters, double factor) {
        if (factor == 1.0) {
            return;
        }
        for (Parameter p : parameters) {
            NDArray array = p.getArray();
            if (array.hasGradient()) {
                try (NDArray gradient = array.getGradient()) {
                    gradient.muli(factor);
                }
            }
        }
    }
}
