package io.github.absgd.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.absgd.data.DataBundle;
import io.github.absgd.data.Samples;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small long-tailed Gaussian-blob data sets for trainer tests: tabular rows or tiny images. */
final class SyntheticData implements Samples {

    private final float[] values;
    private final long[] shape;
    private final int[] labels;
    private final int[] trueLabels;

    private SyntheticData(float[] values, long[] shape, int[] labels, int[] trueLabels) {
        this.values = values;
        this.shape = shape;
        this.labels = labels;
        this.trueLabels = trueLabels;
    }

    /** Class c has counts[c] samples around a class-specific mean; a share {@code noise} of labels is flipped. */
    static SyntheticData make(long[] counts, long[] sampleShape, double noise, long seed) {
        Random random = new Random(seed);
        int size = (int) java.util.Arrays.stream(counts).sum();
        int dim = 1;
        for (long d : sampleShape) {
            dim *= (int) d;
        }
        float[][] means = new float[counts.length][dim];
        Random meanRandom = new Random(42); // the same class means in train and test
        for (float[] mean : means) {
            for (int j = 0; j < dim; j++) {
                mean[j] = (float) meanRandom.nextGaussian() * 0.8f;
            }
        }
        float[] values = new float[size * dim];
        int[] truth = new int[size];
        int[] observed = new int[size];
        int i = 0;
        for (int c = 0; c < counts.length; c++) {
            for (int k = 0; k < counts[c]; k++, i++) {
                truth[i] = c;
                observed[i] = random.nextDouble() < noise ? (c + 1) % counts.length : c;
                for (int j = 0; j < dim; j++) {
                    values[i * dim + j] = means[c][j] + (float) random.nextGaussian();
                }
            }
        }
        return new SyntheticData(values, sampleShape, observed, truth);
    }

    static DataBundle bundle(long[] trainCounts, long[] sampleShape, double noise, long seed) {
        SyntheticData train = make(trainCounts, sampleShape, noise, seed);
        long[] testCounts = new long[trainCounts.length];
        java.util.Arrays.fill(testCounts, 30);
        SyntheticData test = make(testCounts, sampleShape, 0, seed + 1);
        long[] observed = new long[trainCounts.length];
        for (int label : train.labels) {
            observed[label]++;
        }
        List<Long> shape = new ArrayList<>();
        for (long d : sampleShape) {
            shape.add(d);
        }
        return new DataBundle(train, test, trainCounts.length, trainCounts.clone(), observed, shape, null);
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int[] labels() {
        return labels;
    }

    @Override
    public int[] trueLabels() {
        return trueLabels;
    }

    @Override
    public NDList batch(NDManager manager, int[] indices, boolean augment, long seed) {
        int dim = values.length / labels.length;
        float[] x = new float[indices.length * dim];
        int[] y = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(values, indices[i] * dim, x, i * dim, dim);
            y[i] = labels[indices[i]];
        }
        if (augment) { // a seeded jitter stands in for augmentation: resumed runs must reproduce it
            Random random = new Random(seed);
            for (int i = 0; i < x.length; i++) {
                x[i] += (float) random.nextGaussian() * 0.05f;
            }
        }
        long[] batchShape = new long[shape.length + 1];
        batchShape[0] = indices.length;
        System.arraycopy(shape, 0, batchShape, 1, shape.length);
        NDArray features = manager.create(x, new Shape(batchShape));
        return new NDList(features, manager.create(y).toType(DataType.INT64, false));
    }
}
