package io.github.absgd.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * Per-channel (images, on pixels scaled to [0, 1]) or per-feature (tabular) mean and standard
 * deviation: a model sees (x - mean) / std.
 *
 * @param mean one value per channel or feature
 * @param std one value per channel or feature, all positive
 */
public record Normalization(float[] mean, float[] std) {

    /** Streamed images are decoded for {@link #measure} in chunks of this many, in order. */
    private static final int MEASURE_CHUNK = 256;

    public Normalization {
        if (mean.length != std.length) {
            throw new IllegalArgumentException(mean.length + " means for " + std.length + " standard deviations");
        }
        mean = mean.clone();
        std = std.clone();
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }

    /** The published statistics of a known data set, or null for data sets without them. */
    public static Normalization published(DatasetKind kind) {
        return switch (kind) {
            case FASHION_MNIST -> new Normalization(new float[] {0.2860f}, new float[] {0.3530f});
            case MNIST -> new Normalization(new float[] {0.1307f}, new float[] {0.3081f});
            case CIFAR10 -> new Normalization(new float[] {0.4914f, 0.4822f, 0.4465f},
                    new float[] {0.2470f, 0.2435f, 0.2616f});
            case CIFAR100 -> new Normalization(new float[] {0.5071f, 0.4865f, 0.4409f},
                    new float[] {0.2673f, 0.2564f, 0.2762f});
            default -> null;
        };
    }

    /**
     * Statistics measured on a data set: per channel of pixels / 255, or per feature. Streamed images
     * are decoded for it, a chunk at a time in sample order on a {@link DecodePool}, so the sums, and
     * the statistics, are those of the same images held in memory.
     */
    public static Normalization measure(LabeledData data) {
        int[] shape = data.sampleShape();
        Moments moments = new Moments(shape[0], data.sampleSize() / shape[0]); // H*W pixels per channel, 1 per feature
        if (data.isStreamed()) {
            measureStreamed(data.files(), moments);
        } else if (data.isImage()) {
            byte[] pixels = data.pixels();
            moments.add(data.size(), k -> (pixels[k] & 0xff) / 255.0);
        } else {
            float[] features = data.features();
            moments.add(data.size(), k -> features[k]);
        }
        return moments.normalization();
    }

    private static void measureStreamed(ImageFiles files, Moments moments) {
        List<int[]> chunks = new ArrayList<>();
        for (int from = 0; from < files.size(); from += MEASURE_CHUNK) {
            int[] chunk = new int[Math.min(MEASURE_CHUNK, files.size() - from)];
            int first = from;
            Arrays.setAll(chunk, i -> first + i);
            chunks.add(chunk);
        }
        try (DecodePool pool = new DecodePool()) {
            ReadAhead<byte[]> reader = new ReadAhead<>(pool, chunks, files::decode, pool.threads() + 2);
            for (int[] chunk : chunks) {
                byte[] pixels = reader.next();
                moments.add(chunk.length, k -> (pixels[k] & 0xff) / 255.0);
            }
        }
    }

    /** Per-group sums of values and of their squares, added sample after sample. */
    private static final class Moments {
        private final double[] sum;
        private final double[] sumSquares;
        private final int groupSize;
        private long samples;

        Moments(int groups, int groupSize) {
            this.sum = new double[groups];
            this.sumSquares = new double[groups];
            this.groupSize = groupSize;
        }

        /** Adds {@code count} samples whose k-th stored value (group-major within a sample) is {@code value(k)}. */
        void add(int count, IntToDoubleFunction value) {
            int groups = sum.length;
            int step = groups * groupSize;
            for (int i = 0; i < count; i++) {
                for (int g = 0; g < groups; g++) {
                    int from = i * step + g * groupSize;
                    for (int k = from; k < from + groupSize; k++) {
                        double v = value.applyAsDouble(k);
                        sum[g] += v;
                        sumSquares[g] += v * v;
                    }
                }
            }
            samples += count;
        }

        Normalization normalization() {
            int groups = sum.length;
            double count = (double) samples * groupSize;
            float[] mean = new float[groups];
            float[] std = new float[groups];
            for (int g = 0; g < groups; g++) {
                double m = sum[g] / count;
                double variance = Math.max(0, sumSquares[g] / count - m * m);
                mean[g] = (float) m;
                // a constant channel or feature would divide by zero: leave its scale alone
                std[g] = variance > 1e-12 ? (float) Math.sqrt(variance) : 1f;
            }
            return new Normalization(mean, std);
        }
    }

    @Override
    public String toString() {
        return "mean " + Arrays.toString(mean) + ", std " + Arrays.toString(std);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalization n && Arrays.equals(mean, n.mean) && Arrays.equals(std, n.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }
}
