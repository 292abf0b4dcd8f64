package io.github.absgd.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the CIFAR-10 and CIFAR-100 binary formats: fixed-size records of label byte(s) followed by
 * 3072 pixel bytes (1024 red, 1024 green, 1024 blue, each 32x32 row-major), which is already the
 * (C, H, W) layout of {@link LabeledData}.
 */
public final class CifarReader {

    static final int PIXELS = 3 * 32 * 32;

    private CifarReader() {}

    /** Which CIFAR-100 label to use. */
    public enum LabelKind { FINE, COARSE }

    /** CIFAR-10: record = 1 label byte + 3072 pixels; the files are concatenated in order. */
    public static LabeledData readCifar10(List<Path> files, List<String> classNames) {
        return read(files, 1, 0, 10, classNames);
    }

    /** CIFAR-100: record = coarse byte, fine byte, 3072 pixels. */
    public static LabeledData readCifar100(Path file, LabelKind kind, List<String> classNames) {
        int numClasses = kind == LabelKind.FINE ? 100 : 20;
        return read(List.of(file), 2, kind == LabelKind.FINE ? 1 : 0, numClasses, classNames);
    }

    private static LabeledData read(List<Path> files, int labelBytes, int labelAt, int numClasses,
            List<String> classNames) {
        int record = labelBytes + PIXELS;
        List<byte[]> contents = new ArrayList<>();
        int total = 0;
        for (Path file : files) {
            byte[] raw = RawFiles.readMaybeGzipped(file);
            if (raw.length == 0) {
                throw BadDataException.inFile(file, "is empty, expected " + record + "-byte CIFAR records");
            }
            if (raw.length % record != 0) {
                throw BadDataException.inFile(file, "length " + raw.length + " is not a multiple of the "
                        + record + "-byte record (" + labelBytes + " label byte" + (labelBytes > 1 ? "s" : "")
                        + " + 3072 pixels): truncated or not this CIFAR format");
            }
            contents.add(raw);
            total += raw.length / record;
            if ((long) total * PIXELS > Integer.MAX_VALUE - 8) {
                throw BadDataException.inFile(file, "brings the records read to " + total + ", more images than one array holds");
            }
        }
        byte[] pixels = new byte[total * PIXELS];
        int[] labels = new int[total];
        int k = 0;
        for (int f = 0; f < files.size(); f++) {
            byte[] raw = contents.get(f);
            for (int at = 0; at < raw.length; at += record, k++) {
                int label = raw[at + labelAt] & 0xff;
                if (label >= numClasses) {
                    throw BadDataException.inFile(files.get(f), "label " + label + " of record " + (at / record)
                            + " is out of range (" + ClassIndices.range(numClasses) + ")");
                }
                labels[k] = label;
                System.arraycopy(raw, at + labelBytes, pixels, k * PIXELS, PIXELS);
            }
        }
        return LabeledData.ofImages(3, 32, 32, pixels, labels, numClasses, classNames);
    }

    /**
     * Class names from a CIFAR meta text file (one name per line, e.g. batches.meta.txt or
     * fine_label_names.txt), or null if the file is absent or does not list exactly numClasses names.
     */
    public static List<String> readClassNames(Path file, int numClasses) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        List<String> names = RawFiles.readUtf8Lines(file).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        return names.size() == numClasses ? names : null;
    }
}
