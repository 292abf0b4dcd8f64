package io.github.absgd.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads an image folder tree: one sub-folder per class, class index = position of the folder name in
 * sorted order; every non-hidden regular file in a class folder is an image (sorted by name; nested
 * folders are not searched). Every class folder of the training split must hold an image; a test
 * split may lack a class or hold an empty folder for it.
 */
public final class ImageFolderReader {

    private ImageFolderReader() {}

    /** The class names of a split: its sub-folder names, sorted. */
    public static List<String> classNames(Path splitDir) {
        BadDataException.requireDirectory(splitDir);
        List<String> names = list(splitDir).stream().filter(Files::isDirectory)
                .map(p -> p.getFileName().toString()).sorted().toList();
        if (names.isEmpty()) {
            throw BadDataException.inFile(splitDir, "has no class sub-folders");
        }
        return names;
    }

    /**
     * Reads a split whose classes must be among {@code classNames} (pass the training split's names
     * when reading the test split, so that both agree on class indices). A {@code training} split must
     * hold an image in every class folder.
     */
    public static LabeledData read(Path splitDir, List<String> classNames, int imageSize, boolean training) {
        return index(splitDir, classNames, imageSize, training).decoded();
    }

    /**
     * Lists a split as {@link #read} does and keeps its images' paths, decoding nothing:
     * {@link LabeledData#isStreamed()} data.
     */
    public static LabeledData index(Path splitDir, List<String> classNames, int imageSize, boolean training) {
        ImageDecoder.checkSize(imageSize);
        List<String> present = classNames(splitDir);
        for (String name : present) {
            if (!classNames.contains(name)) {
                throw BadDataException.inFile(splitDir.resolve(name), "class folder not present in the training split");
            }
        }
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < classNames.size(); c++) {
            Path classDir = splitDir.resolve(classNames.get(c));
            if (!Files.isDirectory(classDir)) {
                continue; // a test split may lack a class
            }
            List<Path> images = list(classDir).stream().filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
            if (training && images.isEmpty()) {
                throw BadDataException.inFile(classDir, "class folder holds no images (hidden files and nested folders "
                        + "do not count); every training class needs one: add images or remove the folder");
            }
            for (Path file : images) {
                files.add(file);
                labels.add(c);
            }
        }
        if (files.isEmpty()) {
            throw BadDataException.inFile(splitDir, "holds no images");
        }
        int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
        return LabeledData.ofImageFiles(new ImageFiles(files, imageSize), y, classNames.size(), classNames);
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        } catch (IOException e) {
            throw BadDataException.inFile(dir, "cannot list: " + e.getMessage(), e);
        }
    }
}
