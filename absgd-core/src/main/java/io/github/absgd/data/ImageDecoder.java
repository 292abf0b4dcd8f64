package io.github.absgd.data;

import io.github.absgd.util.InvalidSettingException;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Decodes an image file with ImageIO (see {@link ImageReading}), resizes it to size x size with DJL's
 * {@link ImageFactory} and returns its RGB pixels in (C, H, W) order. The pixels are read from a
 * BufferedImage, which needs no engine (the default factory in DJL's api jar is BufferedImage-based).
 * An empty file, and an image whose header declares more than {@link #MAX_PIXELS} pixels, are
 * refused before decoding.
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

    /**
     * Writes the decoded, resized image into {@code out} at {@code offset} (3 * size * size bytes),
     * decoding with the calling thread's {@link ImageReading}: its reader, its last image and pixel buffer.
     */
    void decodeInto(Path file, byte[] out, int offset) {
        ImageReading reading = ImageReading.ofThisThread();
        BufferedImage image = decode(file, reading, true);
        BufferedImage sized = image.getWidth() == size && image.getHeight() == size
                ? image : resized(ImageFactory.getInstance().fromImage(image), size, size);
        rgbInto(sized, reading.argb(size * size), out, offset);
    }

    /**
     * Decodes an image file with ImageIO, wrapped by DJL's {@link ImageFactory}. An empty file, an image
     * declaring more than {@link #MAX_PIXELS} pixels and bytes no reader decodes are a
     * {@link BadDataException} naming the file.
     */
    static Image read(Path file) {
        return ImageFactory.getInstance().fromImage(decode(file, ImageReading.ofThisThread(), false));
    }

    /** The decoded image (the thread's last one, overwritten, when {@code reuse}), or a {@link BadDataException} naming the file. */
    private static BufferedImage decode(Path file, ImageReading reading, boolean reuse) {
        BadDataException.requireFile(file);
        requireBytes(file);
        BufferedImage image;
        try {
            image = reading.read(file, MAX_PIXELS, reuse);
        } catch (ImageReading.TooManyPixelsException e) {
            throw BadDataException.inFile(file, "declares " + e.width + "x" + e.height + " pixels, more than the "
                    + MAX_PIXELS + " an image may have here; resize it");
        } catch (ImageReading.UnreadableImageException e) {
            throw BadDataException.inFile(file, "cannot decode image (not in a format ImageIO reads: PNG, JPEG, BMP, GIF, WBMP)", e);
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip().replaceAll("\\s*\\R\\s*", " ");
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
        rgbInto(resized(image, width, height), new int[width * height], out, offset);
    }

    /** The image's RGB pixels, read through {@code argb} (width x height at least), into {@code out} at {@code offset} (C, H, W). */
    private static void rgbInto(BufferedImage image, int[] argb, byte[] out, int offset) {
        int width = image.getWidth();
        int plane = width * image.getHeight();
        image.getRGB(0, 0, width, image.getHeight(), argb, 0, width);
        for (int p = 0; p < plane; p++) {
            int v = argb[p];
            out[offset + p] = (byte) (v >> 16);
            out[offset + plane + p] = (byte) (v >> 8);
            out[offset + 2 * plane + p] = (byte) v;
        }
    }

    /** Refuses an empty file before any reader sees it. */
    private static void requireBytes(Path file) {
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (IOException e) {
            throw BadDataException.inFile(file, "cannot read: " + e.getMessage(), e);
        }
        if (bytes == 0) {
            throw BadDataException.inFile(file, "is empty, expected an image");
        }
    }
}
