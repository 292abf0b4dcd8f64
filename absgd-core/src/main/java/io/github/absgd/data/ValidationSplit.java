package io.github.absgd.data;

import io.github.absgd.util.InvalidSettingException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A validation set carved from the training set (after the long tail and label noise, so it has
 * the training distribution, noise included): each class on its observed labels gives
 * round(fraction · n) of its n samples, at least one where it has two, never its last one; which
 * ones is a seeded shuffle per class. Choices made on it (the epoch to keep, the λ a sweep picks)
 * never read a test metric.
 */
public final class ValidationSplit {

    /** The training samples left and the validation samples, each in the original order. */
    public record Parts(LabeledData train, LabeledData validation) {}

    private ValidationSplit() {}

    public static Parts carve(LabeledData train, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new InvalidSettingException("val-fraction", "must be in (0, 1), or 0 for no validation set, got " + fraction);
        }
        int[] labels = train.labels();
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < train.numClasses(); c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i]).add(i);
        }
        boolean[] held = new boolean[labels.length];
        Random rng = new Random(seed);
        for (List<Integer> members : byClass) {
            int n = members.size();
            int take = n < 2 ? 0 : (int) Math.min(n - 1, Math.max(1, Math.round(fraction * n)));
            Collections.shuffle(members, rng);
            for (int k = 0; k < take; k++) {
                held[members.get(k)] = true;
            }
        }
        List<Integer> keep = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        for (int i = 0; i < held.length; i++) {
            (held[i] ? validation : keep).add(i);
        }
        return new Parts(train.subset(toArray(keep)), train.subset(toArray(validation)));
    }

    private static int[] toArray(List<Integer> indices) {
        return indices.stream().mapToInt(Integer::intValue).toArray();
    }
}
