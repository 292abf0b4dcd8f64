package io.github.absgd.train;

import io.github.absgd.CliNames;
import io.github.absgd.loss.CrossEntropy;
import io.github.absgd.loss.Focal;
import io.github.absgd.loss.Ldam;
import io.github.absgd.loss.LogitAdjusted;
import io.github.absgd.loss.PerSampleLoss;

/**
 * The training methods: a base loss, how it is reduced over the batch, when class-balanced
 * weights apply, and the optimizer. The ABSGD methods use the attentional reduction; their lambda
 * switches on at stage 2, together with the deferred weights of the {@code -drw} methods.
 */
public enum Method implements CliNames.Named {
    CE("ce", Base.CE, Reduction.MEAN, ClassWeights.NONE, Optimizer.SGD),
    CB("cb", Base.CE, Reduction.CLASS_WEIGHTED_MEAN, ClassWeights.FROM_START, Optimizer.SGD),
    CE_DRW("ce-drw", Base.CE, Reduction.CLASS_WEIGHTED_MEAN, ClassWeights.DEFERRED, Optimizer.SGD),
    FOCAL("focal", Base.FOCAL, Reduction.MEAN, ClassWeights.NONE, Optimizer.SGD),
    LDAM_DRW("ldam-drw", Base.LDAM, Reduction.CLASS_WEIGHTED_MEAN, ClassWeights.DEFERRED, Optimizer.SGD),
    LOGIT_ADJUST("logit-adjust", Base.LOGIT_ADJUST, Reduction.MEAN, ClassWeights.NONE, Optimizer.SGD),
    ABSGD("absgd", Base.CE, Reduction.ATTENTIONAL, ClassWeights.NONE, Optimizer.SGD),
    ABSGD_DRW("absgd-drw", Base.CE, Reduction.ATTENTIONAL, ClassWeights.DEFERRED, Optimizer.SGD),
    ABSGD_FOCAL("absgd-focal", Base.FOCAL, Reduction.ATTENTIONAL, ClassWeights.NONE, Optimizer.SGD),
    ABSGD_LDAM_DRW("absgd-ldam-drw", Base.LDAM, Reduction.ATTENTIONAL, ClassWeights.DEFERRED, Optimizer.SGD),
    ABADAM("abadam", Base.CE, Reduction.ATTENTIONAL, ClassWeights.NONE, Optimizer.ADAM);

    enum Base { CE, FOCAL, LDAM, LOGIT_ADJUST }

    /** How per-sample losses become the objective. */
    public enum Reduction { MEAN, CLASS_WEIGHTED_MEAN, ATTENTIONAL }

    /** When effective-number class weights apply: never, from epoch 0, or from stage 2 (DRW). */
    public enum ClassWeights { NONE, FROM_START, DEFERRED }

    /** The optimizer step: momentum SGD (ABSGD) or Adam (ABAdam). */
    public enum Optimizer { SGD, ADAM }

    private final String cliName;
    private final Base base;
    private final Reduction reduction;
    private final ClassWeights classWeights;
    private final Optimizer optimizer;

    Method(String cliName, Base base, Reduction reduction, ClassWeights classWeights, Optimizer optimizer) {
        this.cliName = cliName;
        this.base = base;
        this.reduction = reduction;
        this.classWeights = classWeights;
        this.optimizer = optimizer;
    }

    /** Parses a command-line name; an unknown one is a {@link io.github.absgd.UserError} listing the known ones. */
    public static Method parse(String name) {
        return CliNames.parse(Method.class, name, "method");
    }

    @Override
    public String cliName() {
        return cliName;
    }

    public Reduction reduction() {
        return reduction;
    }

    public ClassWeights classWeights() {
        return classWeights;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    public boolean attentional() {
        return reduction == Reduction.ATTENTIONAL;
    }

    /** LDAM's logits are cosines: the model needs the normalised classifier head. */
    public boolean needsCosineHead() {
        return base == Base.LDAM;
    }

    /** The base loss without class weights (the trainer adds them when they apply). */
    public PerSampleLoss baseLoss(long[] classCounts, RunConfig config) {
        switch (base) {
            case FOCAL:
                return new Focal(config.focalGamma);
            case LDAM:
                return new Ldam(classCounts, config.ldamMaxMargin, config.ldamScale);
            case LOGIT_ADJUST:
                return new LogitAdjusted(classCounts, config.tau);
            case CE:
            default:
                return new CrossEntropy();
        }
    }

    @Override
    public String toString() {
        return cliName;
    }
}
