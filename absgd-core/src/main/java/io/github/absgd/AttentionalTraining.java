package io.github.absgd;

import ai.djl.training.DefaultTrainingConfig;
import io.github.absgd.core.AttentionalWeighting;
import io.github.absgd.loss.AttentionalLoss;
import io.github.absgd.loss.PerSampleLoss;
import io.github.absgd.optim.AbAdam;
import io.github.absgd.optim.Absgd;

/**
 * One-line set-ups of a DJL {@code Trainer} for ABSGD and ABAdam: the attentional loss over a base
 * loss and the optimizer that commits the same weighting once per step, linked.
 *
 * <pre>{@code
 * AttentionalWeighting weighting = AttentionalWeighting.builder().lambda(5.0).gamma(0.7).alpha(0.5).build();
 * Trainer trainer = model.newTrainer(AttentionalTraining.absgd(new CrossEntropy(), weighting,
 *         Absgd.builder().learningRate(Tracker.fixed(0.1f)).momentum(0.9f).weightDecay(5e-4f)));
 * }</pre>
 */
public final class AttentionalTraining {

    private AttentionalTraining() {}

    /** ABSGD: Σ p_i·l_i over {@code base}, stepped by momentum SGD with PyTorch semantics. */
    public static DefaultTrainingConfig absgd(PerSampleLoss base, AttentionalWeighting weighting, Absgd.Builder sgd) {
        return new DefaultTrainingConfig(AttentionalLoss.attentional(base, weighting))
                .optOptimizer(sgd.weighting(weighting).build());
    }

    /** ABAdam: Σ p_i·l_i over {@code base}, stepped by Adam with PyTorch semantics. */
    public static DefaultTrainingConfig abadam(PerSampleLoss base, AttentionalWeighting weighting, AbAdam.Builder adam) {
        return new DefaultTrainingConfig(AttentionalLoss.attentional(base, weighting))
                .optOptimizer(adam.weighting(weighting).build());
    }
}
