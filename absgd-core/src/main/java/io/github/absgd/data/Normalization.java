package io.github.absgd.data;

import java.util.Arrays;

/**
 * Per-channel (images, on pixels scaled to [0, 1]) or per-feature (tabular) mean and standard
 * deviation: a model sees (x - mean) / std.
 *
 * @param mean one value per channel or feature
 * @param std one value per channel or feature, all positive
 */
public record Normalization(float[] mean, float[] std) {

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

    /** Statistics measured on a data set: per channel of pixels / 255, or per feature. */
    public static Normalization measure(LabeledData data) {
        int[] shape = data.sampleShape();
        int groups = shape[0];
        int groupSize = data.sampleSize() / groups; // H*W pixels per channel, 1 per feature
        double[] sum = new double[groups];
        double[] sumSquares = new double[groups];
        int step = data.sampleSize();
        for (int i = 0; i < data.size(); i++) {
            for (int g = 0; g < groups; g++) {
                int from = i * step + g * groupSize;
                for (int k = from; k < from + groupSize; k++) {
                    double v = data.isImage() ? (data.pixels()[k] & 0xff) / 255.0 : data.features()[k];
                    sum[g] += v;
                    sumSquares[g] += v * v;
                }
            }
        }
        double count = (double) data.size() * groupSize;
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
