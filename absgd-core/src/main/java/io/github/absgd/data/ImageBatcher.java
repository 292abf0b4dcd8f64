package io.github.absgd.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.util.Random;

/**
 * Image batches from images held in memory, augmented and normalised by {@link ImageAugmentation}:
 * the whole data set is kept once as zero-padded 8-bit pixels in one flat NDArray.
 */
public final class ImageBatcher implements Batcher {

    private final LabeledData data;
    private final ImageAugmentation augmentation;
    private final NDManager manager;
    private final NDArray paddedPixels; // (N * C * Hp * Wp), uint8

    /** Keeps a padded copy of the pixels under a sub-manager of {@code parent}. */
    public ImageBatcher(LabeledData data, Normalization normalization, int cropPadding, NDManager parent) {
        if (!data.isImage() || data.isStreamed()) {
            throw new IllegalArgumentException("ImageBatcher needs images held in memory");
        }
        this.data = data;
        this.manager = parent.newSubManager();
        this.augmentation = new ImageAugmentation(data.sampleShape(), normalization, cropPadding, manager);
        this.paddedPixels = manager.create(ByteBuffer.wrap(augmentation.padded(data.pixels(), data.size())),
                new Shape(data.size() * augmentation.paddedSampleSize()), DataType.UINT8);
    }

    @Override
    public NDList batch(NDManager target, int[] indices, boolean augment, Random rng) {
        long[] labels = new long[indices.length];
        for (int n = 0; n < indices.length; n++) {
            labels[n] = data.labels()[indices[n]];
        }
        return augmentation.batch(target, paddedPixels, indices, labels, augment, rng);
    }

    @Override
    public int size() {
        return data.size();
    }

    @Override
    public void close() {
        manager.close(); // the augmentation's manager is a sub-manager of it
    }
}
