package io.github.absgd.data;

import io.github.absgd.util.InvalidSettingException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Draws the standard long-tailed subset of a data set (Cao et al. 2019; Cui et al. 2019): class i
 * keeps n_i samples, the first n_i of a seeded shuffle of its members. The shuffle is numpy's
 * ({@link NumpyRandom}), one generator drawn class after class, so subsets equal the reference
 * scripts' for the same seed.
 */
public final class LongTail {

    private LongTail() {}

    /** How class sizes fall from the largest. */
    public enum Profile {
        /** n_i = floor(n_max * rho^(-i/(C-1))). */
        EXP,
        /** n_max for i < C/2, floor(n_max/rho) for the rest. */
        STEP;

        /** Parses "exp" or "step". */
        public static Profile parse(String text) {
            try {
                return valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException("profile", "must be exp or step, got '" + text + "'");
            }
        }
    }

    /** Fails unless rho is a number of at least 1. */
    public static void checkRatio(double rho) {
        if (!(rho >= 1) || Double.isInfinite(rho)) {
            throw new InvalidSettingException("imbalance", "must be a finite ratio of at least 1, got " + rho);
        }
    }

    /**
     * Per-class sizes, computed in double exactly as Python's
     * {@code int(n_max * (1.0 / rho) ** (i / (C - 1)))} and {@code int(n_max / rho)}.
     */
    public static int[] counts(int nMax, int numClasses, double rho, Profile profile) {
        checkRatio(rho);
        int[] counts = new int[numClasses];
        for (int i = 0; i < numClasses; i++) {
            if (profile == Profile.EXP) {
                double exponent = numClasses == 1 ? 0.0 : (double) i / (numClasses - 1);
                counts[i] = (int) (nMax * Math.pow(1.0 / rho, exponent));
            } else {
                counts[i] = i < numClasses / 2 ? nMax : (int) (nMax / rho);
            }
        }
        return counts;
    }

    /**
     * Indices of the long-tailed subset, class 0's first, then class 1's, and so on (each class in
     * its shuffled order). Fails if a class has fewer members than its count.
     */
    public static int[] select(int[] labels, int[] counts, long seed, String source) {
        int numClasses = counts.length;
        int[] available = LabeledData.countPerClass(labels, numClasses);
        for (int c = 0; c < numClasses; c++) {
            if (counts[c] > available[c]) {
                throw new BadDataException(source + ": the long-tailed subset needs " + counts[c] + " samples of class "
                        + c + " but it has only " + available[c] + " (counts asked: " + Arrays.toString(counts) + ")");
            }
        }
        NumpyRandom rng = new NumpyRandom(seed);
        int[] selected = new int[Arrays.stream(counts).sum()];
        int at = 0;
        for (int c = 0; c < numClasses; c++) {
            int[] members = membersOf(labels, c, available[c]);
            rng.shuffle(members);
            System.arraycopy(members, 0, selected, at, counts[c]);
            at += counts[c];
        }
        return selected;
    }

    /**
     * The long-tailed subset of {@code data}. {@code nMax} is the size of class 0 (0: the largest
     * class's size). With rho = 1 and nMax = 0 the data is returned unchanged.
     */
    public static LabeledData apply(LabeledData data, double rho, Profile profile, int nMax, long seed,
            String source) {
        checkRatio(rho);
        if (nMax < 0) {
            throw new InvalidSettingException("max-per-class", "must be at least 0, got " + nMax);
        }
        if (rho == 1.0 && nMax == 0) {
            return data;
        }
        int top = nMax > 0 ? nMax : Arrays.stream(data.trueClassCounts()).max().orElse(0);
        int[] counts = counts(top, data.numClasses(), rho, profile);
        return data.subset(select(data.trueLabels(), counts, seed, source));
    }

    private static int[] membersOf(int[] labels, int c, int count) {
        int[] members = new int[count];
        int k = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == c) {
                members[k++] = i;
            }
        }
        return members;
    }
}
