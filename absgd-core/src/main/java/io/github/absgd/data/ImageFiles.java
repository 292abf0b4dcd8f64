package io.github.absgd.data;

import java.nio.file.Path;
import java.util.List;

/**
 * Image files not yet decoded: the paths of a data set's images, in sample order, and the square
 * size they are decoded to (RGB, (C, H, W) order, see {@link ImageDecoder}). What an image list or
 * folder holds in memory when it is streamed: a path per sample, no pixels.
 */
final class ImageFiles {

    private final Path[] files;
    private final ImageDecoder decoder;

    ImageFiles(List<Path> files, int imageSize) {
        this(files.toArray(Path[]::new), new ImageDecoder(imageSize));
    }

    private ImageFiles(Path[] files, ImageDecoder decoder) {
        this.files = files;
        this.decoder = decoder;
    }

    int size() {
        return files.length;
    }

    int imageSize() {
        return decoder.size();
    }

    /** Bytes of one decoded image: 3 x size x size. */
    int sampleSize() {
        return 3 * decoder.size() * decoder.size();
    }

    Path file(int index) {
        return files[index];
    }

    /** The files at {@code indices}, in that order. */
    ImageFiles subset(int[] indices) {
        Path[] chosen = new Path[indices.length];
        for (int k = 0; k < indices.length; k++) {
            chosen[k] = files[indices[k]];
        }
        return new ImageFiles(chosen, decoder);
    }

    /** The images at {@code indices} decoded one after another into a new array. */
    byte[] decode(int[] indices) {
        int sample = sampleSize();
        byte[] pixels = new byte[indices.length * sample];
        for (int k = 0; k < indices.length; k++) {
            decoder.decodeInto(files[indices[k]], pixels, k * sample);
        }
        return pixels;
    }
}
