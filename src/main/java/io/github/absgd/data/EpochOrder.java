package io.github.absgd.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The order of one training epoch: a seeded permutation of the samples (a fresh one per epoch, a
 * function of the seed and the epoch number only), cut into batches; the last partial batch is kept.
 */
public final class EpochOrder {

    private EpochOrder() {}

    /** The batches of epoch {@code epoch} (from 0) over {@code size} samples. */
    public static List<int[]> batches(int size, int batchSize, long seed, int epoch) {
        if (batchSize < 1) {
            throw new BadDataException("--batch-size must be at least 1, got " + batchSize);
        }
        int[] order = permutation(size, new Random(seed * 0x9E3779B97F4A7C15L + epoch));
        List<int[]> batches = new ArrayList<>();
        for (int from = 0; from < size; from += batchSize) {
            int[] batch = new int[Math.min(batchSize, size - from)];
            System.arraycopy(order, from, batch, 0, batch.length);
            batches.add(batch);
        }
        return batches;
    }

    /** A uniformly random permutation of 0..size-1 (Fisher-Yates). */
    public static int[] permutation(int size, Random rng) {
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
}
