package io.github.absgd.train;

import ai.djl.training.tracker.ParameterTracker;
import io.github.absgd.core.AttentionalWeighting;
import io.github.absgd.loss.AttentionalLoss;
import io.github.absgd.loss.EffectiveNumberWeights;
import io.github.absgd.optim.StatefulOptimizer;
import io.github.absgd.util.InvalidSettingException;

/**
 * A method made concrete for one run: base loss → reduction (attentional, mean or class-weighted
 * mean) → ABSGD's weighting → optimizer, and the class weights with the epochs they apply in.
 * The one place where a {@link RunSpec} becomes the library's pieces; training, conformance and
 * the step benchmark all build them here.
 */
public final class Recipe {

    private final RunSpec spec;
    private final AttentionalWeighting weighting;
    private final AttentionalLoss loss;
    private final StatefulOptimizer optimizer;
    private final float[] classWeights;

    private Recipe(RunSpec spec, long[] observedCounts, ParameterTracker learningRate) {
        this.spec = spec;
        Method method = spec.method();
        requireEveryClassWhereCountsMatter(method, observedCounts);
        weighting = AttentionalWeighting.builder()
                .gamma(method.attentional() ? spec.gamma() : 1.0)
                .alpha(method.attentional() ? spec.alpha() : 1.0)
                .build();
        loss = AttentionalLoss.of(method.base().create(lossSettings(spec), observedCounts, null), method.reduction(), weighting);
        optimizer = method.optimizer().create(optimizerSettings(spec), learningRate, weighting);
        classWeights = method.classWeights() == Method.ClassWeights.NONE ? null : EffectiveNumberWeights.of(observedCounts, spec.beta());
    }

    /**
     * The pieces of {@code spec}'s method for training data of these observed per-class counts
     * (class weights and LDAM margins come from them), with the rate read from {@code learningRate}.
     */
    public static Recipe of(RunSpec spec, long[] observedCounts, ParameterTracker learningRate) {
        return new Recipe(spec, observedCounts, learningRate);
    }

    /**
     * Class weights, LDAM's margins and the logit adjustment's prior come from the per-class counts;
     * a class with no training sample (allowed by an explicit number of classes) has none of them.
     */
    private static void requireEveryClassWhereCountsMatter(Method method, long[] counts) {
        boolean usesCounts = method.classWeights() != Method.ClassWeights.NONE || method.base() == BaseLoss.LDAM
                || method.base() == BaseLoss.LOGIT_ADJUST;
        for (int c = 0; usesCounts && c < counts.length; c++) {
            if (counts[c] == 0) {
                throw new InvalidSettingException("method", method.id() + " computes from the per-class training counts, and class "
                        + c + " has no training sample; give every class a sample, or choose a method that does not (ce, focal,"
                        + " absgd, absgd-focal, abadam)");
            }
        }
    }

    public static BaseLoss.Settings lossSettings(RunSpec spec) {
        return new BaseLoss.Settings(spec.focalGamma(), spec.tau(), spec.ldamMaxMargin(), spec.ldamScale());
    }

    public static OptimizerKind.Settings optimizerSettings(RunSpec spec) {
        return OptimizerKind.Settings.sgd(spec.momentum(), spec.nesterov(), spec.weightDecay());
    }

    /** Sets what changes with the epoch: lambda (ERM before stage 2) and the class weights (DRW). */
    public void enterEpoch(int epoch) {
        weighting.setLambda(spec.lambdaAt(epoch));
        loss.setClassWeights(spec.classWeightsAt(epoch) ? classWeights : null);
    }

    public AttentionalWeighting weighting() {
        return weighting;
    }

    public AttentionalLoss loss() {
        return loss;
    }

    public StatefulOptimizer optimizer() {
        return optimizer;
    }

    /** The effective-number class weights of the method, or null if it uses none. */
    public float[] classWeights() {
        return classWeights == null ? null : classWeights.clone();
    }
}
