package io.github.absgd.data;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.DataBufferUShort;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;

/**
 * One thread's ImageIO decoding, which keeps what the next image can use again: the image reader
 * (ImageIO.read makes one per image, and a second look at the header made another) and, on request,
 * the decoded image, decoded into again when the next has the same size, colour model and layout.
 * Streamed training decodes thousands of images a second; made afresh each time, these are most of
 * the garbage (85 KB an image of 64 x 64, 12 KB of it the pixels kept), and G1 answers that churn by
 * growing the heap far past the live data. Images are the same bit for bit: a kept image is zeroed
 * before it is decoded into, as a new one is, and only when the reader would make that very kind.
 */
final class ImageReading {

    /** The largest image (pixels) a thread keeps between decodes: 4 MiB of 8-bit RGBA. */
    static final long KEPT_PIXELS = 1L << 20;

    private static final ThreadLocal<ImageReading> PER_THREAD = ThreadLocal.withInitial(ImageReading::new);

    private ImageReader reader;
    private BufferedImage kept;
    private int[] argb = new int[0];

    private ImageReading() {
    }

    /** The calling thread's decoding state. */
    static ImageReading ofThisThread() {
        return PER_THREAD.get();
    }

    /**
     * Decodes {@code file}, refusing (before decoding) an image that declares more than {@code maxPixels}
     * pixels. With {@code reuse} the result may be the image the thread decoded last, overwritten: only
     * for a caller done with it before this thread decodes again.
     *
     * @throws UnreadableImageException when no ImageIO reader knows the format
     * @throws TooManyPixelsException when the header declares more than {@code maxPixels}
     */
    BufferedImage read(Path file, long maxPixels, boolean reuse) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader decoder = in == null ? null : readerFor(in);
            if (decoder == null) {
                throw new UnreadableImageException();
            }
            try {
                decoder.setInput(in, true, true);
                int width = decoder.getWidth(0);
                int height = decoder.getHeight(0);
                if ((long) width * height > maxPixels) {
                    throw new TooManyPixelsException(width, height);
                }
                ImageReadParam param = decoder.getDefaultReadParam();
                if (reuse && (long) width * height <= KEPT_PIXELS) {
                    param.setDestination(destination(decoder.getImageTypes(0).next(), width, height));
                }
                BufferedImage image = decoder.read(0, param);
                decoder.setInput(null);
                return image;
            } catch (IOException | RuntimeException | Error e) {
                dropReader(); // a reader that failed midway is not trusted with the next image
                throw e;
            }
        }
    }

    /** A buffer of at least {@code length} ints, the thread's own: its contents are the caller's until it asks again. */
    int[] argb(int length) {
        if (argb.length < length) {
            argb = new int[length];
        }
        return argb;
    }

    /** The thread's reader if it decodes this stream's format, else the first ImageIO offers (kept), or null. */
    private ImageReader readerFor(ImageInputStream in) throws IOException {
        if (reader != null && reader.getOriginatingProvider() != null && reader.getOriginatingProvider().canDecodeInput(in)) {
            return reader;
        }
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            return null;
        }
        dropReader();
        reader = readers.next();
        return reader;
    }

    private void dropReader() {
        if (reader != null) {
            reader.dispose(); // frees its native decoder now, not when collected
            reader = null;
        }
    }

    /**
     * An all-zero image of {@code type} (the one the reader would make) of width x height: the kept one,
     * zeroed, when it is of that kind and its pixels are of a type this zeroes; otherwise a new one, kept.
     */
    private BufferedImage destination(ImageTypeSpecifier type, int width, int height) {
        if (kept != null && kept.getWidth() == width && kept.getHeight() == height
                && kept.getColorModel().equals(type.getColorModel())
                && kept.getSampleModel().equals(type.getSampleModel(width, height))
                && zeroes(kept.getRaster().getDataBuffer())) {
            return kept;
        }
        BufferedImage fresh = type.createBufferedImage(width, height);
        kept = fresh;
        return fresh;
    }

    /** Sets every element of the buffer to 0 if it is of a kind this knows; whether it did. */
    private static boolean zeroes(DataBuffer buffer) {
        if (buffer instanceof DataBufferByte bytes) {
            Arrays.stream(bytes.getBankData()).forEach(bank -> Arrays.fill(bank, (byte) 0));
        } else if (buffer instanceof DataBufferInt ints) {
            Arrays.stream(ints.getBankData()).forEach(bank -> Arrays.fill(bank, 0));
        } else if (buffer instanceof DataBufferUShort shorts) {
            Arrays.stream(shorts.getBankData()).forEach(bank -> Arrays.fill(bank, (short) 0));
        } else {
            return false;
        }
        return true;
    }

    /** No ImageIO reader knows the file's format. */
    static final class UnreadableImageException extends IOException {
        private static final long serialVersionUID = 1L;

        UnreadableImageException() {
            super("no ImageIO reader for this format");
        }
    }

    /** The image's header declares more pixels than the caller allows. */
    static final class TooManyPixelsException extends IOException {
        private static final long serialVersionUID = 1L;

        final long width;
        final long height;

        TooManyPixelsException(long width, long height) {
            super("declares " + width + "x" + height + " pixels");
            this.width = width;
            this.height = height;
        }
    }
}
