package io.github.absgd.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The optimizer step of ABAdam: Adam with PyTorch's semantics (torch.optim.Adam, L2 weight decay
 * added to the gradient, not decoupled):
 *
 * <pre>
 *   g <- grad + weight_decay * w
 *   m <- beta1 * m + (1 - beta1) * g
 *   s <- beta2 * s + (1 - beta2) * g^2
 *   w <- w - lr * (m / (1 - beta1^t)) / (sqrt(s / (1 - beta2^t)) + eps)      (t from 1)
 * </pre>
 */
public final class AbAdam extends StatefulOptimizer {

    private final float beta1;
    private final float beta2;
    private final float epsilon;

    private AbAdam(Builder builder) {
        super(builder);
        if (!(builder.beta1 >= 0f && builder.beta1 < 1f) || !(builder.beta2 >= 0f && builder.beta2 < 1f)) {
            throw new IllegalArgumentException(
                    "Adam betas must be in [0, 1), got " + builder.beta1 + ", " + builder.beta2);
        }
        if (!(builder.epsilon > 0f)) {
            throw new IllegalArgumentException("Adam epsilon must be > 0, got " + builder.epsilon);
        }
        this.beta1 = builder.beta1;
        this.beta2 = builder.beta2;
        this.epsilon = builder.epsilon;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected NDArray step(String parameterId, NDArray weight, NDArray g, int step, float lr, NDManager scratch) {
        NDArray m = slot(parameterId, "m");
        NDArray s = slot(parameterId, "s");
        if (m == null) {
            m = g.zerosLike();
            s = g.zerosLike();
            putSlot(parameterId, "m", m);
            putSlot(parameterId, "s", s);
        }
        m.muli(beta1).addi(g.mul(1f - beta1));
        s.muli(beta2).addi(g.square().muli(1f - beta2));
        double correction1 = 1.0 - Math.pow(beta1, step);
        double correction2 = 1.0 - Math.pow(beta2, step);
        // state arrays are detached: every result computed from them is put in scratch explicitly
        NDArray denominator = inScratch(s.div(correction2), scratch).sqrt().addi(epsilon);
        return inScratch(m.mul(lr / correction1), scratch).divi(denominator);
    }

    /** Builds {@link AbAdam}: learning rate tracker required; betas (0.9, 0.999), eps 1e-8 by default. */
    public static final class Builder extends StatefulOptimizer.Builder<Builder> {
        private float beta1 = 0.9f;
        private float beta2 = 0.999f;
        private float epsilon = 1e-8f;

        private Builder() {}

        public Builder betas(float beta1, float beta2) {
            this.beta1 = beta1;
            this.beta2 = beta2;
            return this;
        }

        public Builder epsilon(float epsilon) {
            this.epsilon = epsilon;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        public AbAdam build() {
            return new AbAdam(this);
        }
    }
}
