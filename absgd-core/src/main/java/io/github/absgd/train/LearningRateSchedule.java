package io.github.absgd.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.github.absgd.util.InvalidSettingException;
import java.util.List;
import java.util.Locale;

/**
 * The learning rate of each epoch, set at the epoch's start (epochs count from 0): a linear warm-up
 * over the first {@code warmupEpochs} (epoch e uses base·(e+1)/warmup), then either multi-step
 * decay (×{@code decay} at each milestone epoch) or cosine annealing to 0 over the remaining epochs.
 */
public record LearningRateSchedule(
        double base, int warmupEpochs, Kind kind, List<Integer> milestones, double decay, int epochs) {

    /** After the warm-up: steps at milestones, or a cosine. */
    public enum Kind {
        MULTISTEP,
        COSINE;

        /** Parses "multistep" or "cosine" (also from JSON). */
        @JsonCreator
        public static Kind parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException("lr-schedule", "must be multistep or cosine, got '" + name + "'");
            }
        }

        /** The name in a run specification: "multistep" or "cosine". */
        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public LearningRateSchedule {
        if (!(base > 0) || !Double.isFinite(base)) {
            throw new IllegalArgumentException("the learning rate must be positive, got " + base);
        }
        if (warmupEpochs < 0) {
            throw new IllegalArgumentException("warm-up epochs must be >= 0, got " + warmupEpochs);
        }
        if (!(decay > 0)) {
            throw new IllegalArgumentException("the learning-rate decay must be positive, got " + decay);
        }
        milestones = List.copyOf(milestones);
    }

    public double at(int epoch) {
        if (epoch < warmupEpochs) {
            return base * (epoch + 1) / warmupEpochs;
        }
        if (kind == Kind.COSINE) {
            int span = Math.max(1, epochs - warmupEpochs);
            return base * 0.5 * (1 + Math.cos(Math.PI * (epoch - warmupEpochs) / span));
        }
        double lr = base;
        for (int milestone : milestones) {
            if (epoch >= milestone) {
                lr *= decay;
            }
        }
        return lr;
    }
}
