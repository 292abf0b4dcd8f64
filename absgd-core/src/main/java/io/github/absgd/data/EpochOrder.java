package io.github.absgd.data;

import io.github.absgd.util.InvalidSettingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The order of one training epoch and the seeds of its batches: a seeded permutation of the samples
 * (a fresh one per epoch, a function of the run's seed and the epoch number only, so a run resumed
 * mid-epoch sees the same batches), cut into batches; the last partial batch is kept, except that
 * a last batch of a single sample joins the one before it (BatchNorm cannot normalise one sample in
 * training mode, and every sample still trains once an epoch).
 */
public final class EpochOrder {

    private EpochOrder() {}

    /** The batches of epoch {@code epoch} (from 0) over {@code size} samples. */
    public static List<int[]> batches(int size, int batchSize, long seed, int epoch) {
        if (batchSize < 1) {
            throw new InvalidSettingException("batch-size", "must be at least 1, got " + batchSize);
        }
        int[] order = permutation(size, seed, epoch);
        List<int[]> batches = new ArrayList<>();
        for (int from = 0; from < size; ) {
            int to = Math.min(size, from + batchSize);
            if (batchSize > 1 && size - to == 1) {
                to = size; // the one sample left over joins this batch
            }
            batches.add(Arrays.copyOfRange(order, from, to));
            from = to;
        }
        return batches;
    }

    /** A uniformly random permutation of 0..size-1 (Fisher-Yates), the order of epoch {@code epoch}. */
    public static int[] permutation(int size, long seed, int epoch) {
        SplittableRandom rng = new SplittableRandom(batchSeed(seed, epoch, -1));
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** The seed of one batch's augmentation: a function of the run's seed, the epoch and the step. */
    public static long batchSeed(long seed, int epoch, int step) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch * 1_000_003L + step).nextLong();
    }
}
