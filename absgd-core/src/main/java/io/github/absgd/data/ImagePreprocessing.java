package io.github.absgd.data;

import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.absgd.util.AbsgdException;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * How a trained image model's input is made from an image, as training made it without augmentation:
 * the image resized to the training size as the image readers resize it ({@link ImageDecoder}), its
 * 8-bit pixels in (C, H, W) order, then per channel {@code x / (255 std) - mean / std} in float32, the
 * arithmetic of {@link ImageBatcher}. A one-channel model (IDX, MNIST, Fashion-MNIST) takes a
 * grayscale image's samples as they are (8 or 16 bits), and of a colour image the luma
 * {@code round(0.299 R + 0.587 G + 0.114 B)}.
 */
public final class ImagePreprocessing {

    private final int channels;
    private final int height;
    private final int width;
    private final Normalization normalization;

    /** Images of {@code channels} (1 or 3) x height x width, normalised per channel. */
    public ImagePreprocessing(int channels, int height, int width, Normalization normalization) {
        if (channels != 1 && channels != 3) {
            throw new AbsgdException("an image model has 1 or 3 channels, got " + channels);
        }
        if (height < 1 || width < 1) {
            throw new AbsgdException("image size must be positive, got " + height + "x" + width);
        }
        if (normalization.mean().length != channels) {
            throw new AbsgdException("normalisation has " + normalization.mean().length + " channels, the images have "
                    + channels);
        }
        for (float s : normalization.std()) {
            if (!(s > 0) || Float.isInfinite(s)) {
                throw new AbsgdException("normalisation standard deviations must be positive, got " + normalization);
            }
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.normalization = normalization;
    }

    /** The preprocessing of the data a model was trained on: the training images' shape and normalisation. */
    public static ImagePreprocessing of(TrainTestData data) {
        if (!data.train().isImage()) {
            throw new IllegalArgumentException("the data are not images");
        }
        int[] shape = data.train().sampleShape();
        return new ImagePreprocessing(shape[0], shape[1], shape[2], data.normalization());
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public Normalization normalization() {
        return normalization;
    }

    /**
     * Decodes an image file as the image readers do: an empty file, an oversized image or bytes no
     * reader decodes are a {@link BadDataException} naming the file.
     */
    public static Image read(Path file) {
        return ImageDecoder.read(file);
    }

    /** The image's 8-bit pixels, resized to the model's size, (C, H, W) order. */
    public byte[] pixels(Image image) {
        byte[] out = new byte[channels * height * width];
        if (channels == 3) {
            ImageDecoder.rgbInto(image, width, height, out, 0);
        } else {
            grayInto(ImageDecoder.resized(image, width, height), out);
        }
        return out;
    }

    /** The model's input for one image's {@link #pixels}: float32 (C, H, W), normalised as training normalised it. */
    public NDArray input(NDManager manager, byte[] pixels) {
        if (pixels.length != channels * height * width) {
            throw new IllegalArgumentException(pixels.length + " pixels for a " + channels + "x" + height + "x" + width
                    + " image");
        }
        Shape perChannel = new Shape(channels, 1, 1);
        try (NDManager scratch = manager.newSubManager()) {
            NDArray x = scratch.create(ByteBuffer.wrap(pixels), new Shape(channels, height, width), DataType.UINT8)
                    .toType(DataType.FLOAT32, false)
                    .mul(scratch.create(scales(normalization), perChannel))
                    .sub(scratch.create(shifts(normalization), perChannel));
            x.attach(manager);
            return x;
        }
    }

    /** The input for an image: {@code input(manager, pixels(image))}. */
    public NDArray input(NDManager manager, Image image) {
        return input(manager, pixels(image));
    }

    /** Per channel 1 / (255 std): what {@link ImageBatcher} multiplies the 8-bit pixels by. */
    static float[] scales(Normalization normalization) {
        float[] std = normalization.std();
        float[] scales = new float[std.length];
        for (int c = 0; c < std.length; c++) {
            scales[c] = 1f / (255f * std[c]);
        }
        return scales;
    }

    /** Per channel mean / std: what {@link ImageBatcher} subtracts after scaling. */
    static float[] shifts(Normalization normalization) {
        float[] mean = normalization.mean();
        float[] std = normalization.std();
        float[] shifts = new float[mean.length];
        for (int c = 0; c < mean.length; c++) {
            shifts[c] = mean[c] / std[c];
        }
        return shifts;
    }

    private void grayInto(BufferedImage image, byte[] out) {
        Raster raster = image.getRaster();
        int bits = raster.getSampleModel().getSampleSize(0);
        if (raster.getNumBands() == 1 && bits >= 8 && image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    out[y * width + x] = (byte) (raster.getSample(x, y, 0) >> (bits - 8));
                }
            }
            return;
        }
        int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
        for (int p = 0; p < argb.length; p++) {
            int v = argb[p];
            out[p] = (byte) Math.round(0.299f * ((v >> 16) & 0xff) + 0.587f * ((v >> 8) & 0xff) + 0.114f * (v & 0xff));
        }
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width + " images, " + normalization;
    }
}
