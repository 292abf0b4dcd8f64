package io.github.absgd.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import io.github.absgd.core.AttentionalWeighting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A DJL {@link Loss}: a {@link PerSampleLoss} reduced over the batch, by ABSGD's attentional
 * weights (objective Σ p_i·l_i) or by a plain or class-weighted mean (the baselines).
 *
 * <p>As a DJL evaluator (the {@code Trainer} tracks its training loss as a metric and runs it on
 * validation batches) it reports the unweighted mean base loss and never touches the weighting's
 * state; only {@link #evaluate} (the training objective) computes attentional weights.
 */
public final class AttentionalLoss extends Loss {

    /** How per-sample losses become the batch objective. */
    public enum Reduction {
        /** Σ p_i·l_i with ABSGD's weights (the plain mean when the weighting has no lambda). */
        ATTENTIONAL,
        /** mean_i l_i. */
        MEAN,
        /** Σ l_i / Σ w[y_i], PyTorch's weighted mean (the mean without class weights). */
        CLASS_WEIGHTED_MEAN
    }

    private volatile PerSampleLoss base;
    private final Reduction reduction;
    private final AttentionalWeighting weighting;
    private final Map<String, Double> totalLoss = new ConcurrentHashMap<>();
    private final Map<String, Long> totalSamples = new ConcurrentHashMap<>();
    private volatile LastBatch lastBatch;
    private volatile boolean lastFromShards;

    private AttentionalLoss(String name, PerSampleLoss base, Reduction reduction, AttentionalWeighting weighting) {
        super(name);
        this.base = Objects.requireNonNull(base, "base loss");
        this.reduction = Objects.requireNonNull(reduction, "reduction");
        this.weighting = weighting;
        if (reduction == Reduction.ATTENTIONAL && weighting == null) {
            throw new IllegalArgumentException("the attentional reduction needs an AttentionalWeighting");
        }
    }

    /** ABSGD's objective Σ p_i·l_i over {@code base}, weighted by {@code weighting}. */
    public static AttentionalLoss attentional(PerSampleLoss base, AttentionalWeighting weighting) {
        return new AttentionalLoss("absgd-" + base.name(), base, Reduction.ATTENTIONAL, weighting);
    }

    /** {@code base} reduced as {@code reduction} says ({@code weighting} is used only by the attentional one). */
    public static AttentionalLoss of(PerSampleLoss base, Reduction reduction, AttentionalWeighting weighting) {
        return switch (reduction) {
            case ATTENTIONAL -> attentional(base, weighting);
            case MEAN -> mean(base);
            case CLASS_WEIGHTED_MEAN -> classWeightedMean(base);
        };
    }

    /** The plain batch mean of {@code base}. */
    public static AttentionalLoss mean(PerSampleLoss base) {
        return new AttentionalLoss(base.name(), base, Reduction.MEAN, null);
    }

    /** PyTorch's class-weighted mean Σ w_y·l / Σ w_y of {@code base} (CE-DRW, LDAM-DRW). */
    public static AttentionalLoss classWeightedMean(PerSampleLoss base) {
        return new AttentionalLoss(base.name(), base, Reduction.CLASS_WEIGHTED_MEAN, null);
    }

    /** The training objective of a batch (a scalar), with gradient through l_i only. */
    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        return evaluateBatch(labels, predictions).objective();
    }

    /**
     * Whether the last training objective was formed over a whole batch given in shards ({@link
     * #evaluateShards}) rather than over one array of labels ({@link #evaluate}), which on several
     * devices is one device's part only (see {@code train.MultiDeviceStep}).
     */
    public boolean lastObjectiveFromShards() {
        return lastFromShards;
    }

    /** The objective with the per-sample losses and weights behind it (weights null unless attentional). */
    public BatchLoss evaluateBatch(NDList labels, NDList predictions) {
        NDArray y = labels.head();
        NDArray losses = base.compute(predictions.head(), y);
        lastFromShards = false;
        switch (reduction) {
            case ATTENTIONAL:
                NDArray p = weighting.weights(losses);
                lastBatch = new LastBatch(y, p, weighting.lambda());
                // ERM (no lambda): the plain mean, so that the ERM stage rounds exactly as the mean
                // reductions do and a shared stage 1 serves both (the gradient 1/b is the same either way)
                return new BatchLoss(losses, p, weighting.lambda() == null ? losses.mean() : losses.mul(p).sum());
            case CLASS_WEIGHTED_MEAN:
                float[] w = base.classWeights();
                if (w != null) {
                    NDArray denominator = ClassWeighting.perSample(w, y).sum();
                    return new BatchLoss(losses, null, losses.sum().div(denominator));
                }
                return new BatchLoss(losses, null, losses.mean());
            case MEAN:
            default:
                return new BatchLoss(losses, null, losses.mean());
        }
    }

    /**
     * The objective of a batch computed in shards (devices or micro-batches, any sizes): one
     * {@link BatchLoss} a shard, whose objectives add up to the whole batch's objective, so the
     * shards' gradients, computed separately and summed, are the whole batch's gradient. ABSGD's
     * weights come from the whole batch's normaliser ({@link AttentionalWeighting#shardSum}); the
     * means divide by the whole batch's size or class-weight total. u is left pending once.
     */
    public List<BatchLoss> evaluateShards(List<NDList> labels, List<NDList> predictions) {
        List<NDArray> y = new ArrayList<>();
        List<NDArray> losses = new ArrayList<>();
        for (int k = 0; k < labels.size(); k++) {
            y.add(labels.get(k).head());
            losses.add(base.compute(predictions.get(k).head(), y.get(k)));
        }
        List<BatchLoss> shards = new ArrayList<>();
        lastFromShards = true;
        if (reduction == Reduction.ATTENTIONAL) {
            AttentionalWeighting.ShardSum whole = null;
            for (NDArray l : losses) {
                AttentionalWeighting.ShardSum sum = weighting.shardSum(l);
                whole = whole == null ? sum : whole.plus(sum);
            }
            List<NDArray> weights = new ArrayList<>();
            for (NDArray l : losses) {
                NDArray p = weighting.weights(l, whole);
                weights.add(p);
                shards.add(new BatchLoss(l, p, l.mul(p).sum()));
            }
            lastBatch = new LastBatch(onFirstDevice(y), onFirstDevice(weights), weighting.lambda());
            return shards;
        }
        double denominator = 0;
        for (NDArray shardLabels : y) {
            denominator += meanDenominator(shardLabels);
        }
        for (NDArray l : losses) {
            shards.add(new BatchLoss(l, null, l.sum().div(denominator)));
        }
        return shards;
    }

    /** The shards' arrays (labels or weights) as one, on the first shard's device. */
    private static NDArray onFirstDevice(List<NDArray> shards) {
        NDList parts = new NDList();
        for (NDArray shard : shards) {
            parts.add(parts.isEmpty() ? shard : shard.toDevice(parts.head().getDevice(), false));
        }
        return parts.size() == 1 ? parts.head() : NDArrays.concat(parts);
    }

    /**
     * What the mean reductions divide a batch's summed losses by: the number of samples, or for the
     * class-weighted mean with class weights, Σ w[y_i] (a batch computed in parts needs the whole's).
     */
    public double meanDenominator(NDArray labels) {
        float[] w = reduction == Reduction.CLASS_WEIGHTED_MEAN ? base.classWeights() : null;
        return w == null ? labels.size() : ClassWeighting.perSample(w, labels).sum().getFloat();
    }

    /**
     * A batch's losses: {@code losses} l_i (shape (b)), {@code weights} p_i (shape (b), detached;
     * null for the mean reductions) and the scalar {@code objective}.
     */
    public record BatchLoss(NDArray losses, NDArray weights, NDArray objective) {

        /**
         * The shards of one batch (from {@link #evaluateShards}) as one: losses and weights
         * concatenated, objectives summed (with their gradient), on the first shard's device.
         */
        public static BatchLoss joined(List<BatchLoss> shards) {
            List<NDArray> losses = new ArrayList<>();
            List<NDArray> weights = new ArrayList<>();
            NDArray objective = null;
            for (BatchLoss shard : shards) {
                losses.add(shard.losses());
                if (shard.weights() != null) {
                    weights.add(shard.weights());
                }
                NDArray part = objective == null ? shard.objective() : shard.objective().toDevice(objective.getDevice(), false);
                objective = objective == null ? part : objective.add(part);
            }
            return new BatchLoss(onFirstDevice(losses), weights.isEmpty() ? null : onFirstDevice(weights), objective);
        }
    }

    /**
     * What the last attentional {@link #evaluate} (or {@link #evaluateBatch}, or the whole batch of
     * {@link #evaluateShards}, its arrays on the first shard's device) call weighted, for a
     * training listener to read (see {@code train.WeightingListener}): that batch's {@code labels},
     * its weights p_i ({@code weights}, detached, shape (b)) and the {@code lambda} they were
     * computed with (null: ERM, every p_i = 1/b). The arrays are the batch's own, not copies: they
     * live in its NDManager and are released with it, so read them before the batch is closed (a
     * DJL listener's {@code onTrainingBatch} is in time; {@link NDArray#isReleased()} tells). Null
     * before the first batch and always for the mean reductions; the evaluator path never sets it.
     */
    public LastBatch lastBatch() {
        return lastBatch;
    }

    /** The labels and attentional weights of one batch, as {@link #lastBatch()} returns them. */
    public record LastBatch(NDArray labels, NDArray weights, Double lambda) {}

    /** Swaps the base loss's class weights (deferred re-weighting); null removes them. */
    public void setClassWeights(float[] classWeights) {
        base = base.withClassWeights(classWeights);
    }

    public PerSampleLoss base() {
        return base;
    }

    public Reduction reduction() {
        return reduction;
    }

    /** The weighting, or null for the mean reductions. */
    public AttentionalWeighting weighting() {
        return weighting;
    }

    // As an evaluator: the unweighted mean base loss, never the weighting (u must not move here).

    @Override
    public void addAccumulator(String key) {
        totalLoss.put(key, 0.0);
        totalSamples.put(key, 0L);
    }

    @Override
    public void updateAccumulators(String[] keys, NDList labels, NDList predictions) {
        NDArray losses = base.compute(predictions.head(), labels.head());
        double sum = losses.sum().getFloat();
        long count = losses.size();
        for (String key : keys) {
            totalLoss.merge(key, sum, Double::sum);
            totalSamples.merge(key, count, Long::sum);
        }
    }

    @Override
    public void resetAccumulator(String key) {
        addAccumulator(key);
    }

    @Override
    public float getAccumulator(String key) {
        Long count = totalSamples.get(key);
        if (count == null) {
            throw new IllegalArgumentException("No loss found at that path: " + key);
        }
        return count == 0 ? Float.NaN : (float) (totalLoss.get(key) / count);
    }
}
