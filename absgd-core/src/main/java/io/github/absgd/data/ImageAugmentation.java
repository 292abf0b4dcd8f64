package io.github.absgd.data;

import io.github.absgd.util.InvalidSettingException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/**
 * Pad-and-random-crop, random horizontal flip (p = 0.5) and per-channel normalisation of 8-bit
 * images, done in bulk by the engine: the images are kept zero-padded in one flat uint8 NDArray, and
 * a batch is one {@code take} with an index array built by broadcasting a few small per-sample
 * vectors (sample offset, crop rows, crop columns with the flip folded in). Java only draws 3 random
 * numbers per image. Both image batchers use it, so held and streamed images give the same batch
 * bit for bit. Close it to free its per-channel constants.
 */
final class ImageAugmentation implements AutoCloseable {

    private final int pad;
    private final int channels;
    private final int height;
    private final int width;
    private final int paddedHeight;
    private final int paddedWidth;
    private final NDManager manager;
    private final NDArray channelOffsets; // (1, C, 1, 1), int64: c * Hp * Wp
    private final NDArray scale; // (1, C, 1, 1): 1 / (255 std)
    private final NDArray shift; // (1, C, 1, 1): mean / std

    /** For images of {@code sampleShape} (C, H, W), its constants under a sub-manager of {@code parent}. */
    ImageAugmentation(int[] sampleShape, Normalization normalization, int cropPadding, NDManager parent) {
        if (cropPadding < 0) {
            throw new InvalidSettingException("crop-padding", "must be at least 0, got " + cropPadding);
        }
        this.pad = cropPadding;
        this.channels = sampleShape[0];
        this.height = sampleShape[1];
        this.width = sampleShape[2];
        this.paddedHeight = height + 2 * pad;
        this.paddedWidth = width + 2 * pad;
        if (normalization.mean().length != channels) {
            throw new BadDataException("normalisation has " + normalization.mean().length
                    + " channels, the images have " + channels);
        }
        this.manager = parent.newSubManager();
        long[] offsets = new long[channels];
        for (int c = 0; c < channels; c++) {
            offsets[c] = (long) c * paddedHeight * paddedWidth;
        }
        Shape perChannel = new Shape(1, channels, 1, 1);
        this.channelOffsets = manager.create(offsets, perChannel);
        this.scale = manager.create(ImagePreprocessing.scales(normalization), perChannel); // as a trained model's inputs get
        this.shift = manager.create(ImagePreprocessing.shifts(normalization), perChannel);
    }

    /** Bytes of one padded image: C x (H + 2 pad) x (W + 2 pad). */
    long paddedSampleSize() {
        return (long) channels * paddedHeight * paddedWidth;
    }

    /** {@code samples} images of (C, H, W) 8-bit pixels, each plane zero-padded by the crop padding. */
    byte[] padded(byte[] pixels, int samples) {
        byte[] out = new byte[Math.toIntExact(samples * paddedSampleSize())];
        int at = 0;
        for (int plane = 0; plane < samples * channels; plane++) {
            for (int h = 0; h < height; h++) {
                System.arraycopy(pixels, at, out, (plane * paddedHeight + pad + h) * paddedWidth + pad, width);
                at += width;
            }
        }
        return out;
    }

    /**
     * The batch of the padded images at {@code positions} of {@code paddedPixels} (flat, uint8), with
     * {@code labels}, attached to {@code target}: cropped at random and flipped when {@code augment},
     * drawing top, left and flip per image from {@code rng} in order; else the centre crop.
     */
    NDList batch(NDManager target, NDArray paddedPixels, int[] positions, long[] labels, boolean augment, Random rng) {
        int b = positions.length;
        long sampleStride = paddedSampleSize();
        long[] sampleOffsets = new long[b];
        long[] rowOffsets = new long[b * height];
        long[] columns = new long[b * width];
        for (int n = 0; n < b; n++) {
            int top = pad;
            int left = pad;
            boolean flip = false;
            if (augment) {
                top = rng.nextInt(2 * pad + 1);
                left = rng.nextInt(2 * pad + 1);
                flip = rng.nextBoolean();
            }
            sampleOffsets[n] = positions[n] * sampleStride;
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
    public void close() {
        manager.close();
    }
}
