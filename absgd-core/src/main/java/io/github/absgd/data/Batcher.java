package io.github.absgd.data;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Random;

/**
 * Assembles mini-batches of a data set as DJL arrays: {@code NDList(x, y)} with x float32 of shape
 * (b, C, H, W) or (b, F), normalised, and y int64 of shape (b) holding the observed labels. Close it
 * to free the arrays it keeps between batches.
 */
public interface Batcher extends AutoCloseable {

    /**
     * The samples at {@code indices}, attached to {@code manager}. With {@code augment} true the
     * training augmentation is applied (images only), drawing from {@code rng}, so the same rng state
     * gives the same batch.
     */
    NDList batch(NDManager manager, int[] indices, boolean augment, Random rng);

    /**
     * The batches the calling thread will ask for next, in order, so that a batcher reading from disk
     * can decode them ahead; a later plan replaces it. Batches held in memory need none: the default
     * ignores it.
     */
    default void plan(List<int[]> batches) {}

    /** Number of samples in the data set. */
    int size();

    @Override
    void close();

    /** The batcher suited to the data: streamed images, images held in memory, or tabular rows. */
    static Batcher of(LabeledData data, Normalization normalization, int cropPadding, NDManager parent) {
        if (data.isStreamed()) {
            return new StreamingImageBatcher(data, normalization, cropPadding, parent);
        }
        return data.isImage() ? new ImageBatcher(data, normalization, cropPadding, parent)
                : new TabularBatcher(data, normalization);
    }
}
