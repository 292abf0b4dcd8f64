package io.github.absgd.data;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/**
 * Tabular batches: features standardised once with the given per-feature statistics (the training
 * set's), rows copied out whole. No augmentation.
 */
public final class TabularBatcher implements Batcher {

    private final LabeledData data;
    private final float[] standardised;
    private final int numFeatures;

    public TabularBatcher(LabeledData data, Normalization normalization) {
        if (data.isImage()) {
            throw new IllegalArgumentException("TabularBatcher needs tabular data");
        }
        this.data = data;
        this.numFeatures = data.sampleSize();
        float[] mean = normalization.mean();
        float[] std = normalization.std();
        if (mean.length != numFeatures) {
            throw new IllegalArgumentException(mean.length + " feature statistics for " + numFeatures + " features");
        }
        this.standardised = standardise(data.features(), mean, std);
    }

    /** (x - mean) / std per feature, rows of {@code mean.length} features one after another. */
    static float[] standardise(float[] raw, float[] mean, float[] std) {
        int numFeatures = mean.length;
        float[] standardised = new float[raw.length];
        for (int k = 0; k < raw.length; k++) {
            int f = k % numFeatures;
            standardised[k] = (raw[k] - mean[f]) / std[f];
        }
        return standardised;
    }

    @Override
    public NDList batch(NDManager manager, int[] indices, boolean augment, Random rng) {
        float[] x = new float[indices.length * numFeatures];
        long[] y = new long[indices.length];
        for (int n = 0; n < indices.length; n++) {
            System.arraycopy(standardised, indices[n] * numFeatures, x, n * numFeatures, numFeatures);
            y[n] = data.labels()[indices[n]];
        }
        return new NDList(manager.create(x, new Shape(indices.length, numFeatures)), manager.create(y));
    }

    @Override
    public int size() {
        return data.size();
    }

    @Override
    public void close() {
        // nothing held by the engine
    }
}
