package io.github.absgd.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an image list as ImageNet-LT, Places-LT and iNaturalist publish them: one
 * {@code relative/path label} per line (blank lines ignored; the path may contain spaces, the label
 * is the last field), paths relative to a root directory, labels 0-based class indices. The list is
 * UTF-8 (a byte-order mark is dropped).
 */
public final class ImageListReader {

    private ImageListReader() {}

    /** One parsed line. */
    record Entry(Path image, int label, int lineNumber) {}

    /**
     * Reads the list and decodes its images. {@code numClasses} of 0 means "1 + the largest label in
     * this list", and then every label below the largest must occur (use it for the training list,
     * then pass the training count for the test list).
     */
    public static LabeledData read(Path listFile, Path root, int imageSize, int numClasses) {
        return index(listFile, root, imageSize, numClasses).decoded();
    }

    /**
     * Reads the list and keeps its images' paths, decoding nothing: {@link LabeledData#isStreamed()}
     * data. Labels are checked as {@link #read} checks them.
     */
    public static LabeledData index(Path listFile, Path root, int imageSize, int numClasses) {
        ImageDecoder.checkSize(imageSize);
        List<Entry> entries = parse(listFile, root);
        int[] labels = entries.stream().mapToInt(Entry::label).toArray();
        int classes = numClasses > 0 ? numClasses : ClassIndices.inferCount(listFile, labels, "sample", null);
        for (Entry e : entries) {
            if (e.label() >= classes) {
                throw BadDataException.inFile(listFile, "line " + e.lineNumber() + ": label " + e.label()
                        + " is out of range (" + ClassIndices.range(classes) + ")");
            }
        }
        ImageFiles files = new ImageFiles(entries.stream().map(Entry::image).toList(), imageSize);
        return LabeledData.ofImageFiles(files, labels, classes, null);
    }

    static List<Entry> parse(Path listFile, Path root) {
        List<String> lines = RawFiles.readUtf8Lines(listFile);
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            int space = Math.max(line.lastIndexOf(' '), line.lastIndexOf('\t'));
            if (space < 0) {
                throw BadDataException.inFile(listFile, "line " + (i + 1) + ": expected 'relative/path label', got '"
                        + line + "'");
            }
            String labelText = line.substring(space + 1);
            int label;
            try {
                label = Integer.parseInt(labelText);
            } catch (NumberFormatException e) {
                throw BadDataException.inFile(listFile, "line " + (i + 1) + ": label '" + labelText
                        + "' is not an integer");
            }
            if (label < 0) {
                throw BadDataException.inFile(listFile, "line " + (i + 1) + ": label " + label + " is negative");
            }
            entries.add(new Entry(root.resolve(line.substring(0, space).strip()), label, i + 1));
        }
        if (entries.isEmpty()) {
            throw BadDataException.inFile(listFile, "lists no images");
        }
        return entries;
    }
}
