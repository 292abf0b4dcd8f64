package io.github.absgd.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Locale;

/**
 * The attentional weights of ABSGD (Qi et al., TMLR 2023, Algorithm 1), computed per mini-batch:
 *
 * <pre>
 *   e_i = exp(l_i / lambda)
 *   u  <- (1 - gamma) * u + gamma * alpha * mean_i e_i        (u = 0 before the first weighted step)
 *   p_i = e_i / (u * b)                                        (detached: no gradient through p or u)
 * </pre>
 *
 * <p>The normaliser is kept as {@code log u}, and the weights are formed as {@code exp(l_i/lambda -
 * log u - log b)}, so that no {@code exp(l/lambda)} is ever formed alone: small lambda cannot
 * overflow (the authors' code does). Without a lambda the weights are {@code 1/b} (plain ERM) and
 * u does not move.
 *
 * <p>u advances exactly once per optimizer step. {@link #weights} computes the weights from the
 * committed normaliser and leaves the advanced value pending; {@link #commit} (called by {@code
 * Absgd} / {@code AbAdam} when they update the parameters, or by a hand-written loop after its step)
 * makes it the new state. Evaluating the loss again, on the same or on validation batches, before or
 * after, therefore never moves u.
 */
public final class AttentionalWeighting {

    private final double gamma;
    private final double alpha;
    private Double lambda;
    private double logU = Double.NEGATIVE_INFINITY; // u = 0
    private Double pendingLogU;
    private long weightedSteps;

    private AttentionalWeighting(Builder builder) {
        this.gamma = builder.gamma;
        this.alpha = builder.alpha;
        this.lambda = builder.lambda;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The per-sample weights p_i of a batch's base losses (shape (b)), detached from the graph. */
    public NDArray weights(NDArray losses) {
        return weights(losses, null);
    }

    /**
     * The weights of one shard of a batch split into shards (devices or micro-batches) whose
     * {@link #shardSum}s add up to {@code batch}: exactly the whole batch's weights of these samples,
     * whatever the split, and the same pending normaliser from every shard (committed once per step).
     * {@code batch} null: the shard is the whole batch.
     */
    public NDArray weights(NDArray losses, ShardSum batch) {
        NDArray l = losses.stopGradient();
        if (lambda == null) {
            pendingLogU = null;
            return l.onesLike().divi(batch == null ? l.size() : batch.size());
        }
        NDArray z = scaled(l);
        double logNormaliser = advance(batch != null ? batch : new ShardSum(logSumExp(z), l.size()));
        return z.subi(logNormaliser).exp().toType(l.getDataType(), false);
    }

    /**
     * Leaves pending the normaliser that a batch of these statistics gives (u advanced once) and
     * returns log(u·b), so that p_i = exp(l_i/lambda − log(u·b)); for code that forms the weights
     * itself, such as gradient accumulation, which learns the batch's statistics one micro-batch at a time.
     */
    public double advance(ShardSum batch) {
        if (lambda == null) {
            throw new IllegalStateException("no normaliser without a lambda (ERM weighs every sample 1/b)");
        }
        double logB = Math.log(batch.size());
        double logMeanE = batch.logSumExp() - logB;
        double nextLogU =
                logAddExp(Math.log1p(-gamma) + logU, Math.log(gamma) + Math.log(alpha) + logMeanE);
        pendingLogU = nextLogU;
        return nextLogU + logB;
    }

    /** exp(l_i/lambda − reference), detached, in the losses' type: weights up to a factor common to the batch. */
    public NDArray relativeWeights(NDArray losses, double reference) {
        NDArray l = losses.stopGradient();
        return scaled(l).subi(reference).exp().toType(l.getDataType(), false);
    }

    /**
     * What one shard of a batch contributes to the batch's normaliser: log Σ exp(l_i / lambda) over
     * its samples (negative infinity without a lambda) and their number. The shards' sums add up
     * with {@link ShardSum#plus}: two scalars a shard, all that crosses devices or micro-batches.
     */
    public ShardSum shardSum(NDArray losses) {
        NDArray l = losses.stopGradient();
        return new ShardSum(lambda == null ? Double.NEGATIVE_INFINITY : logSumExp(scaled(l)), l.size());
    }

    /** A shard's (or several shards') {@code logSumExp} = log Σ exp(l_i / lambda) and {@code size}. */
    public record ShardSum(double logSumExp, long size) {

        public ShardSum plus(ShardSum other) {
            return new ShardSum(logAddExp(logSumExp, other.logSumExp), size + other.size);
        }
    }

    /** l/lambda in float64: near overflow (l/lambda ~ 2000+) float32 keeps too few digits. */
    private NDArray scaled(NDArray losses) {
        return losses.toType(DataType.FLOAT64, false).divi(lambda);
    }

    /** Makes the normaliser computed by the last {@link #weights} call the state; a no-op otherwise. */
    public void commit() {
        if (pendingLogU != null) {
            logU = pendingLogU;
            pendingLogU = null;
            weightedSteps++;
        }
    }

    /** Drops a pending normaliser without applying it (for example after a failed step). */
    public void discardPending() {
        pendingLogU = null;
    }

    /** Sets lambda: positive emphasises high-loss samples, negative down-weights them, null is ERM. */
    public void setLambda(Double lambda) {
        this.lambda = checkLambda(lambda);
    }

    public Double lambda() {
        return lambda;
    }

    public double gamma() {
        return gamma;
    }

    public double alpha() {
        return alpha;
    }

    /** log u; negative infinity while u = 0 (no weighted step yet). */
    public double logU() {
        return logU;
    }

    /** The state to keep in a checkpoint. */
    public State state() {
        return new State(logU, lambda, weightedSteps);
    }

    /** Restores a checkpointed state; the next step is then the one the saved run would have taken. */
    public void restore(State state) {
        this.logU = state.logU();
        this.lambda = checkLambda(state.lambda());
        this.weightedSteps = state.weightedSteps();
        this.pendingLogU = null;
    }

    /**
     * The weighting's state: {@code logU} (negative infinity for u = 0), the current {@code lambda}
     * (null = ERM) and how many weighted steps have been committed.
     */
    public record State(double logU, Double lambda, long weightedSteps) {}

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "AttentionalWeighting[lambda=%s, gamma=%s, alpha=%s, logU=%s]",
                lambda,
                gamma,
                alpha,
                logU);
    }

    /** log Σ exp(z), with the step's only host synchronisation. */
    private static double logSumExp(NDArray z) {
        NDArray max = z.max();
        return z.sub(max).exp().sum().log().add(max).getDouble();
    }

    private static double logAddExp(double a, double b) {
        double max = Math.max(a, b);
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        return max + Math.log1p(Math.exp(-Math.abs(a - b)));
    }

    private static Double checkLambda(Double lambda) {
        if (lambda != null && (lambda == 0.0 || !Double.isFinite(lambda))) {
            throw new IllegalArgumentException(
                    "lambda must be a non-zero finite number (or none for plain ERM), got " + lambda);
        }
        return lambda;
    }

    /** Builds an {@link AttentionalWeighting}; the defaults are the paper's CIFAR settings. */
    public static final class Builder {
        private Double lambda;
        private double gamma = 0.9;
        private double alpha = 1.0;

        private Builder() {}

        /** lambda > 0 for imbalance, lambda < 0 for label noise, null (the default) for plain ERM. */
        public Builder lambda(Double lambda) {
            this.lambda = lambda;
            return this;
        }

        /** Weight of the new batch in the running normaliser, in (0, 1]. */
        public Builder gamma(double gamma) {
            this.gamma = gamma;
            return this;
        }

        /** Scale of the new batch's mean in the normaliser, positive. */
        public Builder alpha(double alpha) {
            this.alpha = alpha;
            return this;
        }

        public AttentionalWeighting build() {
            if (!(gamma > 0.0 && gamma <= 1.0)) {
                throw new IllegalArgumentException("gamma must be in (0, 1], got " + gamma);
            }
            if (!(alpha > 0.0) || !Double.isFinite(alpha)) {
                throw new IllegalArgumentException("alpha must be a positive finite number, got " + alpha);
            }
            checkLambda(lambda);
            return new AttentionalWeighting(this);
        }
    }
}
