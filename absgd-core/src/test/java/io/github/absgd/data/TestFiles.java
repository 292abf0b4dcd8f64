package io.github.absgd.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;

/** Writes tiny data files of every supported format for the tests. */
public final class TestFiles {

    private TestFiles() {}

    /** IDX bytes: magic 0x000008D, sizes, data. */
    public static byte[] idx(int[] dims, byte[] data) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        buffer.put(new byte[] {0, 0, 8, (byte) dims.length});
        for (int d : dims) {
            buffer.putInt(d);
        }
        buffer.put(data);
        return buffer.array();
    }

    /** n images of h x w where pixel (i, r, c) = i * 10 + r * w + c (mod 256). */
    public static byte[] imagePixels(int n, int h, int w) {
        byte[] pixels = new byte[n * h * w];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) ((i / (h * w)) * 10 + i % (h * w));
        }
        return pixels;
    }

    public static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    public static Path write(Path file, byte[] content, boolean gzip) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (!gzip) {
            return Files.write(file, content);
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content);
        }
        return file;
    }

    public static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }

    /** Writes a matching IDX image + label pair; labels given, images from {@link #imagePixels}. */
    public static void writeIdxPair(Path images, Path labels, int[] y, int h, int w, boolean gzip) throws IOException {
        write(images, idx(new int[] {y.length, h, w}, imagePixels(y.length, h, w)), gzip);
        byte[] labelBytes = new byte[y.length];
        for (int i = 0; i < y.length; i++) {
            labelBytes[i] = (byte) y[i];
        }
        write(labels, idx(new int[] {y.length}, labelBytes), gzip);
    }

    /** CIFAR records: labelBytes label bytes (given per record) then 3072 pixels valued (record + 1). */
    public static byte[] cifarRecords(int[][] labelsPerRecord) {
        int labelBytes = labelsPerRecord[0].length;
        int record = labelBytes + 3072;
        byte[] out = new byte[labelsPerRecord.length * record];
        for (int r = 0; r < labelsPerRecord.length; r++) {
            for (int k = 0; k < labelBytes; k++) {
                out[r * record + k] = (byte) labelsPerRecord[r][k];
            }
            for (int p = 0; p < 3072; p++) {
                out[r * record + labelBytes + p] = (byte) (r + 1 + p / 1024);
            }
        }
        return out;
    }

    /** A solid-colour PNG of the given size. */
    public static Path png(Path file, int width, int height, int rgb) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    /**
     * An image folder tree under {@code root}: {@code train/c<k>/} with {@code trainCounts[k]} PNGs of
     * size x size and {@code test/c<k>/} with {@code testPerClass}; each image is its class's colour
     * plus seeded noise, so a model can learn the classes.
     */
    public static Path imageFolder(Path root, int[] trainCounts, int testPerClass, int size, long seed) throws IOException {
        java.util.Random random = new java.util.Random(seed);
        for (int c = 0; c < trainCounts.length; c++) {
            int colour = java.awt.Color.HSBtoRGB(c / (float) trainCounts.length, 0.8f, 0.8f);
            for (int i = 0; i < trainCounts[c] + testPerClass; i++) {
                String split = i < trainCounts[c] ? "train" : "test";
                BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        int rgb = 0;
                        for (int shift = 0; shift <= 16; shift += 8) {
                            int v = Math.max(0, Math.min(255, (colour >> shift & 0xff) + random.nextInt(161) - 80));
                            rgb |= v << shift;
                        }
                        image.setRGB(x, y, rgb);
                    }
                }
                Path file = root.resolve(split).resolve("c" + c).resolve(String.format("%03d.png", i));
                Files.createDirectories(file.getParent());
                ImageIO.write(image, "png", file.toFile());
            }
        }
        return root;
    }

    /** CIFAR-10 binary batches in {@code dir}: 20 images of class c for every c, so a long tail can be drawn; 2 test images. */
    public static Path cifar10Batches(Path dir) throws IOException {
        for (int b = 1; b <= 5; b++) {
            int[][] labels = new int[40][];
            for (int r = 0; r < 40; r++) {
                labels[r] = new int[] {r % 10};
            }
            write(dir.resolve("data_batch_" + b + ".bin"), cifarRecords(labels), false);
        }
        write(dir.resolve("test_batch.bin"), cifarRecords(new int[][] {{3}, {4}}), false);
        return dir;
    }

    /** How many image-decoding threads ({@link DecodePool}) are alive. */
    public static long decodingThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(DecodePool.THREAD_NAME)).count();
    }

    /** The names of the live image-decoding threads, for a failure message. */
    public static String decodingThreadNames() {
        return String.join(", ", Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.startsWith(DecodePool.THREAD_NAME)).toList());
    }
}
