package io.github.absgd.data;

import io.github.absgd.util.InvalidSettingException;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Decodes an image file with DJL's {@link ImageFactory}, resizes it to size x size and returns its
 * RGB pixels in (C, H, W) order. The pixels are read from the factory's BufferedImage, which needs no
 * engine (the default factory in DJL's api jar is BufferedImage-based).
 */
final class ImageDecoder {

    private final int size;

    ImageDecoder(int size) {
        if (size < 1) {
            throw new InvalidSettingException("image-size", "must be at least 1, got " + size);
        }
        this.size = size;
    }

    int size() {
        return size;
    }

    /** Writes the decoded, resized image into {@code out} at {@code offset} (3 * size * size bytes). */
    void decodeInto(Path file, byte[] out, int offset) {
        BadDataException.requireFile(file);
        Image image;
        try {
            image = ImageFactory.getInstance().fromFile(file);
        } catch (IOException | RuntimeException e) {
            throw BadDataException.inFile(file, "cannot decode image (" + e.getMessage() + ")", e);
        }
        if (image == null || image.getWidth() <= 0 || image.getHeight() <= 0) {
            throw BadDataException.inFile(file, "cannot decode image");
        }
        Image resized = image.getWidth() == size && image.getHeight() == size ? image : image.resize(size, size, true);
        Object wrapped = resized.getWrappedImage();
        if (!(wrapped instanceof BufferedImage buffered)) {
            throw new IllegalStateException("expected DJL's BufferedImage factory, got "
                    + wrapped.getClass().getName());
        }
        int[] argb = buffered.getRGB(0, 0, size, size, null, 0, size);
        int plane = size * size;
        for (int p = 0; p < plane; p++) {
            int v = argb[p];
            out[offset + p] = (byte) (v >> 16);
            out[offset + plane + p] = (byte) (v >> 8);
            out[offset + 2 * plane + p] = (byte) v;
        }
    }
}
