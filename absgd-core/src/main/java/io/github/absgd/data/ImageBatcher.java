package io.github.absgd.data;

import io.github.absgd.util.InvalidSettingException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.util.Random;

/**
 * Image batches with pad-and-random-crop, random horizontal flip (p = 0.5) and per-channel
 * normalisation, done in bulk by the engine: the whole data set is kept once as zero-padded 8-bit
 * pixels in one flat NDArray, and a batch is one {@code take} with an index array built by
 * broadcasting a few small per-sample vectors (sample offset, crop rows, crop columns with the flip
 * folded in). Java only draws 3 random numbers per image.
 */
public final class ImageBatcher implements Batcher {

    private final LabeledData data;
    private final int pad;
    private final int channels;
    private final int height;
    private final int width;
    private final int paddedHeight;
    private final int paddedWidth;
    private final NDManager manager;
    private final NDArray paddedPixels; // (N * C * Hp * Wp), uint8
    private final NDArray channelOffsets; // (1, C, 1, 1), int64: c * Hp * Wp
    private final NDArray scale; // (1, C, 1, 1): 1 / (255 std)
    private final NDArray shift; // (1, C, 1, 1): mean / std

    /** Keeps a padded copy of the pixels under a sub-manager of {@code parent}. */
    public ImageBatcher(LabeledData data, Normalization normalization, int cropPadding, NDManager parent) {
        if (!data.isImage()) {
            throw new IllegalArgumentException("ImageBatcher needs image data");
        }
        if (cropPadding < 0) {
            throw new InvalidSettingException("crop-padding", "must be at least 0, got " + cropPadding);
        }
        int[] shape = data.sampleShape();
        this.data = data;
        this.pad = cropPadding;
        this.channels = shape[0];
        this.height = shape[1];
        this.width = shape[2];
        this.paddedHeight = height + 2 * pad;
        this.paddedWidth = width + 2 * pad;
        if (normalization.mean().length != channels) {
            throw new BadDataException("normalisation has " + normalization.mean().length
                    + " channels, the images have " + channels);
        }
        this.manager = parent.newSubManager();
        this.paddedPixels = manager.create(ByteBuffer.wrap(padded(data)),
                new Shape((long) data.size() * channels * paddedHeight * paddedWidth), DataType.UINT8);
        long[] offsets = new long[channels];
        for (int c = 0; c < channels; c++) {
            offsets[c] = (long) c * paddedHeight * paddedWidth;
        }
        float[] scales = ImagePreprocessing.scales(normalization); // the same numbers a trained model's inputs get
        float[] shifts = ImagePreprocessing.shifts(normalization);
        Shape perChannel = new Shape(1, channels, 1, 1);
        this.channelOffsets = manager.create(offsets, perChannel);
        this.scale = manager.create(scales, perChannel);
        this.shift = manager.create(shifts, perChannel);
    }

    @Override
    public NDList batch(NDManager target, int[] indices, boolean augment, Random rng) {
        int b = indices.length;
        long sampleStride = (long) channels * paddedHeight * paddedWidth;
        long[] sampleOffsets = new long[b];
        long[] rowOffsets = new long[b * height];
        long[] columns = new long[b * width];
        long[] labels = new long[b];
        for (int n = 0; n < b; n++) {
            int top = pad;
            int left = pad;
            boolean flip = false;
            if (augment) {
                top = rng.nextInt(2 * pad + 1);
                left = rng.nextInt(2 * pad + 1);
                flip = rng.nextBoolean();
            }
            sampleOffsets[n] = indices[n] * sampleStride;
            labels[n] = data.labels()[indices[n]];
            for (int h = 0; h < height; h++) {
                rowOffsets[n * height + h] = (long) (top + h) * paddedWidth;
            }
            for (int w = 0; w < width; w++) {
                columns[n * width + w] = flip ? left + width - 1 - w : left + w;
            }
        }
        try (NDManager scratch = target.newSubManager()) {
            NDArray index = scratch.create(sampleOffsets, new Shape(b, 1, 1, 1))
                    .add(channelOffsets)
                    .add(scratch.create(rowOffsets, new Shape(b, 1, height, 1)))
                    .add(scratch.create(columns, new Shape(b, 1, 1, width)));
            NDArray x = paddedPixels.take(scratch, index).toType(DataType.FLOAT32, false).mul(scale).sub(shift);
            NDArray y = target.create(labels);
            x.attach(target);
            return new NDList(x, y);
        }
    }

    @Override
    public int size() {
        return data.size();
    }

    @Override
    public void close() {
        manager.close();
    }

    private byte[] padded(LabeledData source) {
        byte[] out = new byte[source.size() * channels * paddedHeight * paddedWidth];
        byte[] in = source.pixels();
        int at = 0;
        for (int plane = 0; plane < source.size() * channels; plane++) {
            for (int h = 0; h < height; h++) {
                System.arraycopy(in, at, out, (plane * paddedHeight + pad + h) * paddedWidth + pad, width);
                at += width;
            }
        }
        return out;
    }
}
