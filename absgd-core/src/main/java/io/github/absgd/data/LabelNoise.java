package io.github.absgd.data;

import io.github.absgd.util.InvalidSettingException;
import java.util.SplittableRandom;

/**
 * Label noise, applied to the observed labels of a data set (true labels are kept). Each eligible
 * sample is flipped independently with probability {@code rate}: symmetric noise makes every sample
 * eligible and sends it to a uniformly chosen other class; asymmetric noise makes the samples of
 * mapped classes eligible and sends them along the map.
 */
public final class LabelNoise {

    private LabelNoise() {}

    /** Fails unless rate is in [0, 1). */
    public static void checkRate(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new InvalidSettingException("noise", "must be a rate in [0, 1), got " + rate);
        }
    }

    /** Noisy copy of {@code labels}: each relabelled with probability rate to another class. */
    public static int[] symmetric(int[] labels, int numClasses, double rate, long seed) {
        checkRate(rate);
        if (numClasses < 2 && rate > 0) {
            throw new BadDataException("symmetric label noise needs at least 2 classes");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int[] noisy = labels.clone();
        for (int i = 0; i < noisy.length; i++) {
            if (rng.nextDouble() < rate) {
                int other = rng.nextInt(numClasses - 1); // one of the C-1 other classes
                noisy[i] = other >= labels[i] ? other + 1 : other;
            }
        }
        return noisy;
    }

    /** Noisy copy of {@code labels}: each sample of a class c with map[c] != c flipped to map[c] with probability rate. */
    public static int[] asymmetric(int[] labels, int[] map, double rate, long seed) {
        checkRate(rate);
        SplittableRandom rng = new SplittableRandom(seed);
        int[] noisy = labels.clone();
        for (int i = 0; i < noisy.length; i++) {
            int target = map[labels[i]];
            // draw for every sample so that the sequence does not depend on which classes are mapped
            if (rng.nextDouble() < rate && target != labels[i]) {
                noisy[i] = target;
            }
        }
        return noisy;
    }

    /** {@code data} with noisy observed labels; rate 0 returns it unchanged. */
    public static LabeledData apply(LabeledData data, NoiseType type, double rate, int[] asymmetricMap, long seed) {
        checkRate(rate);
        if (rate == 0) {
            return data;
        }
        int[] noisy = type == NoiseType.SYM
                ? symmetric(data.trueLabels(), data.numClasses(), rate, seed)
                : asymmetric(data.trueLabels(), asymmetricMap, rate, seed);
        return data.withObservedLabels(noisy);
    }
}
