package io.github.absgd.data;

import io.github.absgd.util.InvalidSettingException;

/**
 * The Mersenne Twister of numpy's legacy {@code np.random.RandomState(seed)}, with its
 * {@code shuffle}: the same seed shuffles the same way as numpy, so the long-tailed subsets equal the
 * ones the reference scripts (and most published long-tail code) draw.
 */
final class NumpyRandom {

    private static final int N = 624;
    private static final int M = 397;

    private final int[] state = new int[N];
    private int position;

    NumpyRandom(long seed) {
        if (seed < 0 || seed > 0xffffffffL) {
            throw new InvalidSettingException("subset-seed", "must be in [0, 2^32 - 1] (numpy's seed range), got " + seed);
        }
        state[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            state[i] = 1812433253 * (state[i - 1] ^ (state[i - 1] >>> 30)) + i;
        }
        position = N;
    }

    /** The next 32 random bits (genrand_int32). */
    int nextInt32() {
        if (position >= N) {
            twist();
        }
        int y = state[position++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    /** Uniform integer in [0, max], by numpy's masked rejection sampling (random_interval). */
    long interval(long max) {
        if (max == 0) {
            return 0;
        }
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        long value;
        do {
            value = (nextInt32() & 0xffffffffL) & mask;
        } while (value > max);
        return value;
    }

    /** In-place shuffle, exactly as {@code RandomState.shuffle} on a 1-d array. */
    void shuffle(int[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = (int) interval(i);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    private void twist() {
        for (int i = 0; i < N; i++) {
            int y = (state[i] & 0x80000000) | (state[(i + 1) % N] & 0x7fffffff);
            int next = state[(i + M) % N] ^ (y >>> 1);
            state[i] = (y & 1) != 0 ? next ^ 0x9908b0df : next;
        }
        position = 0;
    }
}
