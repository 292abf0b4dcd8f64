package io.github.absgd.optim;

import ai.djl.training.Trainer;
import java.lang.reflect.Field;

/**
 * Turns off the check DJL's {@link Trainer#step()} makes before its first update. It refuses to
 * step when the signed sum of all gradients is exactly zero, which is analytically the case for a
 * softmax classifier alone (its gradients sum to zero over the classes): a linear model, or stage 2
 * that trains only the classifier, can fail it at random in float32.
 */
public final class GradientCheck {

    private GradientCheck() {}

    public static void disable(Trainer trainer) {
        try {
            Field checked = Trainer.class.getDeclaredField("gradientsChecked");
            checked.setAccessible(true);
            checked.setBoolean(trainer, true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // a DJL without the check (or with another name for it) needs nothing done
        }
    }
}
