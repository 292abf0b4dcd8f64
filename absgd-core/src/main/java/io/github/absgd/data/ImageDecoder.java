package io.github.absgd.data;

import io.github.absgd.util.InvalidSettingException;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes an image file with DJL's {@link ImageFactory}, resizes it to size x size and returns its
 * RGB pixels in (C, H, W) order. The pixels are read from the factory's BufferedImage, which needs no
 * engine (the default factory in DJL's api jar is BufferedImage-based). An empty file, and an image
 * whose header declares more than {@link #MAX_PIXELS} pixels, are refused before decoding.
 */
final class ImageDecoder {

    /** The most pixels an image may declare (2^27, e.g. 11585 x 11585): decoding more risks the heap. */
    static final long MAX_PIXELS = 1L << 27;

    private final int size;

    ImageDecoder(int size) {
        this.size = checkSize(size);
    }

    /** The image size, if it is at least 1; otherwise an error naming the setting. */
    static int checkSize(int size) {
        if (size < 1) {
            throw new InvalidSettingException("image-size", "must be at least 1, got " + size);
        }
        return size;
    }

    int size() {
        return size;
    }

    /** Writes the decoded, resized image into {@code out} at {@code offset} (3 * size * size bytes). */
    void decodeInto(Path file, byte[] out, int offset) {
        rgbInto(read(file), size, size, out, offset);
    }

    /**
     * Decodes an image file with DJL's {@link ImageFactory}. An empty file, an image declaring more than
     * {@link #MAX_PIXELS} pixels and bytes no reader decodes are a {@link BadDataException} naming the file.
     */
    static Image read(Path file) {
        BadDataException.requireFile(file);
        checkDeclaredSize(file);
        Image image;
        try {
            image = ImageFactory.getInstance().fromFile(file);
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip().replaceAll("\\s*\\R\\s*", " ");
            if (why.startsWith("Failed to read image from")) { // DJL's words when ImageIO knows no reader for the bytes
                why = "not in a format ImageIO reads: PNG, JPEG, BMP, GIF, WBMP";
            }
            throw BadDataException.inFile(file, "cannot decode image (" + why + ")", e);
        } catch (OutOfMemoryError e) {
            throw BadDataException.inFile(file, "too large to decode in the memory this JVM has (see -Xmx)", e);
        }
        if (image == null || image.getWidth() <= 0 || image.getHeight() <= 0) {
            throw BadDataException.inFile(file, "cannot decode image");
        }
        return image;
    }

    /** The image resized (DJL's smooth scaling) to width x height unless it has that size already. */
    static BufferedImage resized(Image image, int width, int height) {
        Image resized = image.getWidth() == width && image.getHeight() == height ? image : image.resize(width, height, true);
        Object wrapped = resized.getWrappedImage();
        if (!(wrapped instanceof BufferedImage buffered)) {
            throw new IllegalStateException("expected DJL's BufferedImage factory, got "
                    + wrapped.getClass().getName());
        }
        return buffered;
    }

    /** The image resized to width x height, its RGB pixels written into {@code out} at {@code offset} in (C, H, W) order. */
    static void rgbInto(Image image, int width, int height, byte[] out, int offset) {
        BufferedImage buffered = resized(image, width, height);
        int[] argb = buffered.getRGB(0, 0, width, height, null, 0, width);
        int plane = width * height;
        for (int p = 0; p < plane; p++) {
            int v = argb[p];
            out[offset + p] = (byte) (v >> 16);
            out[offset + plane + p] = (byte) (v >> 8);
            out[offset + 2 * plane + p] = (byte) v;
        }
    }

    /** Refuses an empty file, and an image whose header declares more than {@link #MAX_PIXELS} pixels. */
    private static void checkDeclaredSize(Path file) {
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (IOException e) {
            throw BadDataException.inFile(file, "cannot read: " + e.getMessage(), e);
        }
        if (bytes == 0) {
            throw BadDataException.inFile(file, "is empty, expected an image");
        }
        long[] size = declaredSize(file);
        if (size != null && size[0] * size[1] > MAX_PIXELS) {
            throw BadDataException.inFile(file, "declares " + size[0] + "x" + size[1] + " pixels, more than the "
                    + MAX_PIXELS + " an image may have here; resize it");
        }
    }

    /** {width, height} as the image's header declares them, or null if no reader knows the format (decoding will say). */
    private static long[] declaredSize(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new long[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null; // a header it cannot read: the decoder reports the file
        }
    }
}
