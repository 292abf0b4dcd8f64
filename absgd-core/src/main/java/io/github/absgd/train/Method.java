package io.github.absgd.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.github.absgd.util.Names;
import io.github.absgd.loss.AttentionalLoss.Reduction;

/**
 * The training methods: a base loss, how it is reduced over the batch, when class-balanced
 * weights apply, and the optimizer. The ABSGD methods use the attentional reduction; their lambda
 * switches on at stage 2, together with the deferred weights of the {@code -drw} methods.
 */
public enum Method implements Names.Named {
    CE(BaseLoss.CE, Reduction.MEAN, ClassWeights.NONE, OptimizerKind.SGD),
    CB(BaseLoss.CE, Reduction.CLASS_WEIGHTED_MEAN, ClassWeights.FROM_START, OptimizerKind.SGD),
    CE_DRW(BaseLoss.CE, Reduction.CLASS_WEIGHTED_MEAN, ClassWeights.DEFERRED, OptimizerKind.SGD),
    FOCAL(BaseLoss.FOCAL, Reduction.MEAN, ClassWeights.NONE, OptimizerKind.SGD),
    LDAM_DRW(BaseLoss.LDAM, Reduction.CLASS_WEIGHTED_MEAN, ClassWeights.DEFERRED, OptimizerKind.SGD),
    LOGIT_ADJUST(BaseLoss.LOGIT_ADJUST, Reduction.MEAN, ClassWeights.NONE, OptimizerKind.SGD),
    ABSGD(BaseLoss.CE, Reduction.ATTENTIONAL, ClassWeights.NONE, OptimizerKind.SGD),
    ABSGD_DRW(BaseLoss.CE, Reduction.ATTENTIONAL, ClassWeights.DEFERRED, OptimizerKind.SGD),
    ABSGD_FOCAL(BaseLoss.FOCAL, Reduction.ATTENTIONAL, ClassWeights.NONE, OptimizerKind.SGD),
    ABSGD_LDAM_DRW(BaseLoss.LDAM, Reduction.ATTENTIONAL, ClassWeights.DEFERRED, OptimizerKind.SGD),
    ABADAM(BaseLoss.CE, Reduction.ATTENTIONAL, ClassWeights.NONE, OptimizerKind.ADAM);

    /** When effective-number class weights apply: never, from epoch 0, or from stage 2 (DRW). */
    public enum ClassWeights { NONE, FROM_START, DEFERRED }

    private final BaseLoss base;
    private final Reduction reduction;
    private final ClassWeights classWeights;
    private final OptimizerKind optimizer;

    Method(BaseLoss base, Reduction reduction, ClassWeights classWeights, OptimizerKind optimizer) {
        this.base = base;
        this.reduction = reduction;
        this.classWeights = classWeights;
        this.optimizer = optimizer;
    }

    /** Parses a name (also from JSON); an unknown one is an {@link io.github.absgd.util.InvalidSettingException} listing the known ones. */
    @JsonCreator
    public static Method parse(String name) {
        return Names.parse(Method.class, name, "method");
    }


    public BaseLoss base() {
        return base;
    }

    public Reduction reduction() {
        return reduction;
    }

    public ClassWeights classWeights() {
        return classWeights;
    }

    public OptimizerKind optimizer() {
        return optimizer;
    }

    public boolean attentional() {
        return reduction == Reduction.ATTENTIONAL;
    }

    /** LDAM's logits are cosines: the model needs the normalised classifier head. */
    public boolean needsCosineHead() {
        return base == BaseLoss.LDAM;
    }

    @Override
    public String toString() {
        return id();
    }
}
