package io.github.absgd.train;

import ai.djl.training.tracker.ParameterTracker;
import io.github.absgd.core.AttentionalWeighting;
import io.github.absgd.optim.AbAdam;
import io.github.absgd.optim.Absgd;
import io.github.absgd.optim.StatefulOptimizer;

/** The optimizer step of a method: momentum SGD (ABSGD) or Adam (ABAdam), PyTorch semantics. */
public enum OptimizerKind {
    SGD,
    ADAM;

    /**
     * The optimizer's settings. {@code momentum} and {@code nesterov} are SGD's, the betas and
     * {@code epsilon} Adam's; weight decay is L2 on every parameter for both.
     */
    public record Settings(double momentum, boolean nesterov, double weightDecay, double beta1, double beta2, double epsilon) {

        /** SGD's settings, with Adam's at PyTorch's defaults. */
        public static Settings sgd(double momentum, boolean nesterov, double weightDecay) {
            return new Settings(momentum, nesterov, weightDecay, 0.9, 0.999, 1e-8);
        }
    }

    /** The optimizer, reading its rate from {@code learningRate} and committing {@code weighting} once per step. */
    public StatefulOptimizer create(Settings settings, ParameterTracker learningRate, AttentionalWeighting weighting) {
        return switch (this) {
            case SGD -> Absgd.builder().learningRate(learningRate).momentum((float) settings.momentum())
                    .nesterov(settings.nesterov()).weightDecay((float) settings.weightDecay()).weighting(weighting).build();
            case ADAM -> AbAdam.builder().learningRate(learningRate).betas((float) settings.beta1(), (float) settings.beta2())
                    .epsilon((float) settings.epsilon()).weightDecay((float) settings.weightDecay()).weighting(weighting).build();
        };
    }
}
