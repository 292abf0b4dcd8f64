package io.github.absgd.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The optimizer step of ABSGD: momentum SGD with PyTorch's semantics (torch.optim.SGD), unlike
 * DJL's {@code Sgd}, which keeps the learning rate inside the momentum buffer:
 *
 * <pre>
 *   g <- grad + weight_decay * w
 *   v <- g                       (first step)
 *   v <- momentum * v + g        (later steps; no dampening)
 *   w <- w - lr * v              or, with Nesterov, w <- w - lr * (g + momentum * v)
 * </pre>
 *
 * The attentional weights enter through the loss ({@code AttentionalLoss}); this optimizer commits
 * the weighting's normaliser once per step when given one.
 */
public final class Absgd extends StatefulOptimizer {

    private final float momentum;
    private final boolean nesterov;

    private Absgd(Builder builder) {
        super(builder);
        if (!(builder.momentum >= 0f && builder.momentum < 1f)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + builder.momentum);
        }
        if (builder.nesterov && builder.momentum == 0f) {
            throw new IllegalArgumentException("Nesterov momentum needs a momentum > 0");
        }
        this.momentum = builder.momentum;
        this.nesterov = builder.nesterov;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected NDArray step(String parameterId, NDArray weight, NDArray g, int step, float lr, NDManager scratch) {
        if (momentum == 0f) {
            return g.muli(lr);
        }
        NDArray velocity = slot(parameterId, "momentum");
        if (velocity == null) {
            velocity = g.duplicate();
            putSlot(parameterId, "momentum", velocity);
        } else {
            velocity.muli(momentum).addi(g);
        }
        if (nesterov) {
            return g.addi(inScratch(velocity.mul(momentum), scratch)).muli(lr);
        }
        return inScratch(velocity.mul(lr), scratch);
    }

    /** Builds {@link Absgd}: learning rate tracker required; momentum 0.9, no Nesterov, no weight decay by default. */
    public static final class Builder extends StatefulOptimizer.Builder<Builder> {
        private float momentum = 0.9f;
        private boolean nesterov;

        private Builder() {}

        public Builder momentum(float momentum) {
            this.momentum = momentum;
            return this;
        }

        public Builder nesterov(boolean nesterov) {
            this.nesterov = nesterov;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        public Absgd build() {
            return new Absgd(this);
        }
    }
}
