package io.github.absgd.data;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads the IDX format of MNIST, Fashion-MNIST, KMNIST and friends, plain or gzip'd: a big-endian
 * magic {@code 0x00 0x00 0x08 D} (unsigned bytes, D dimensions), D big-endian sizes, then the data.
 * Images must have 3 dimensions (N, H, W), labels 1 (N).
 */
public final class IdxReader {

    private static final int UNSIGNED_BYTE_TYPE = 0x08;

    private IdxReader() {}

    /** An IDX array: its dimensions and its bytes (the data only, header stripped). */
    record IdxArray(int[] dims, byte[] data, int offset) {}

    /**
     * Reads an image file and a label file into one data set with {@code numClasses} classes
     * (labels at or beyond it are rejected); 0 means 1 + the largest label (for a training file),
     * and then every label below the largest must occur.
     */
    public static LabeledData read(Path imageFile, Path labelFile, int numClasses, List<String> classNames) {
        IdxArray images = readArray(imageFile, 3);
        IdxArray labels = readArray(labelFile, 1);
        int n = images.dims()[0];
        if (labels.dims()[0] != n) {
            throw BadDataException.inFile(labelFile, "holds " + labels.dims()[0] + " labels but " + imageFile
                    + " holds " + n + " images");
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = labels.data()[labels.offset() + i] & 0xff;
        }
        numClasses = numClasses > 0 ? numClasses : ClassIndices.inferCount(labelFile, y, "sample", null);
        for (int i = 0; i < n; i++) {
            if (y[i] >= numClasses) {
                throw BadDataException.inFile(labelFile, "label " + y[i] + " of item " + i
                        + " is out of range (" + ClassIndices.range(numClasses) + ")");
            }
        }
        int height = images.dims()[1];
        int width = images.dims()[2];
        byte[] pixels = new byte[n * height * width];
        System.arraycopy(images.data(), images.offset(), pixels, 0, pixels.length);
        return LabeledData.ofImages(1, height, width, pixels, y, numClasses, classNames);
    }

    /** Reads one IDX array of unsigned bytes, checking magic, dimension count and length. */
    static IdxArray readArray(Path file, int expectedDims) {
        byte[] raw = RawFiles.readMaybeGzipped(file);
        if (raw.length == 0) {
            throw BadDataException.inFile(file, "is empty, expected an IDX file");
        }
        if (raw.length >= 4 && raw[0] == 0 && raw[1] == 0 && typeName(raw[2]) != null && raw[2] != UNSIGNED_BYTE_TYPE) {
            throw BadDataException.inFile(file, "holds IDX data of type " + typeName(raw[2]) + String.format(" (0x%02x)", raw[2])
                    + "; only unsigned bytes (0x08) are read");
        }
        if (raw.length < 4 || raw[0] != 0 || raw[1] != 0 || raw[2] != UNSIGNED_BYTE_TYPE) {
            throw BadDataException.inFile(file, "not an IDX file of unsigned bytes (wrong magic number "
                    + String.format("0x%08x", raw.length < 4 ? 0 : bigEndianInt(raw, 0)) + ", expected 0x0000080"
                    + expectedDims + ")");
        }
        int dims = raw[3] & 0xff;
        if (dims != expectedDims) {
            throw BadDataException.inFile(file, "has " + dims + " dimensions, expected " + expectedDims
                    + (expectedDims == 3 ? " (images: count, rows, columns)" : " (labels: count)"));
        }
        int header = 4 + 4 * dims;
        if (raw.length < header) {
            throw BadDataException.inFile(file, "truncated: the header needs " + header + " bytes, the file has "
                    + raw.length);
        }
        int[] sizes = new int[dims];
        for (int d = 0; d < dims; d++) {
            sizes[d] = bigEndianInt(raw, 4 + 4 * d);
            if (sizes[d] < 0) {
                throw BadDataException.inFile(file, "negative size in dimension " + d);
            }
        }
        long expected = product(sizes);
        long actual = raw.length - (long) header;
        if (actual < expected) {
            throw BadDataException.inFile(file, "truncated: the header promises " + (expected == Long.MAX_VALUE
                    ? String.join(" x ", java.util.Arrays.stream(sizes).mapToObj(Integer::toString).toList()) : expected)
                    + " data bytes, the file has " + actual);
        }
        if (actual > expected) {
            throw BadDataException.inFile(file, "has " + (actual - expected)
                    + " bytes beyond the size its header gives");
        }
        return new IdxArray(sizes, raw, header);
    }

    /** The product of the sizes, or Long.MAX_VALUE if it does not fit in a long. */
    private static long product(int[] sizes) {
        long product = 1;
        for (int size : sizes) {
            if (size == 0) {
                return 0;
            }
        }
        try {
            for (int size : sizes) {
                product = Math.multiplyExact(product, size);
            }
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
        return product;
    }

    /** The IDX name of a data type byte, or null if it is none. */
    private static String typeName(byte type) {
        return switch (type) {
            case 0x08 -> "unsigned byte";
            case 0x09 -> "signed byte";
            case 0x0b -> "short";
            case 0x0c -> "int";
            case 0x0d -> "float";
            case 0x0e -> "double";
            default -> null;
        };
    }

    private static int bigEndianInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }
}
