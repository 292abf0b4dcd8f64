package io.github.absgd.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.github.absgd.loss.CrossEntropy;
import io.github.absgd.loss.Focal;
import io.github.absgd.loss.Ldam;
import io.github.absgd.loss.LogitAdjusted;
import io.github.absgd.loss.PerSampleLoss;
import io.github.absgd.util.Names;

/** The per-sample base losses a method is built on, each optionally class-weighted. */
public enum BaseLoss implements Names.Named {
    CE,
    FOCAL,
    LDAM,
    LOGIT_ADJUST;

    /** The base losses' own settings (see {@link RunSpec}). */
    public record Settings(double focalGamma, double tau, double ldamMaxMargin, double ldamScale) {}

    /** Parses a name; an unknown one is an {@link io.github.absgd.util.InvalidSettingException} (no silent fallback). */
    @JsonCreator
    public static BaseLoss parse(String name) {
        return Names.parse(BaseLoss.class, name, "loss");
    }

    /**
     * The loss for data of these (observed) per-class counts, which LDAM's margins and the logit
     * adjustment's prior come from; {@code classWeights} null for none.
     */
    public PerSampleLoss create(Settings settings, long[] classCounts, float[] classWeights) {
        return switch (this) {
            case CE -> new CrossEntropy(classWeights);
            case FOCAL -> new Focal(settings.focalGamma(), classWeights);
            case LDAM -> new Ldam(classCounts, settings.ldamMaxMargin(), settings.ldamScale(), classWeights);
            case LOGIT_ADJUST -> new LogitAdjusted(classCounts, settings.tau(), classWeights);
        };
    }
}
