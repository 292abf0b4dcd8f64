package io.github.absgd.data;

import io.github.absgd.util.InvalidSettingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Integer labels as class indices: the number of classes they imply, refused when a class below the
 * largest label has no sample (a gap usually means 1-based labels, or a class lost on the way), and
 * the {@code classes} setting that gives the number instead and allows empty classes.
 */
final class ClassIndices {

    /** The largest number of classes accepted, given or inferred. */
    static final int MAX_CLASSES = 1_000_000;

    /** How many missing labels a message lists before it only counts the rest. */
    private static final int LISTED = 10;

    private ClassIndices() {}

    /** Checks the {@code classes} setting: null (infer from the labels) or 1..{@value #MAX_CLASSES}. */
    static Integer check(Integer classes) {
        if (classes != null && (classes < 1 || classes > MAX_CLASSES)) {
            throw new InvalidSettingException("classes", "must be from 1 to " + MAX_CLASSES + ", got " + classes);
        }
        return classes;
    }

    /**
     * 1 + the largest of the (non-negative) labels, failing with "FILE: no NOUN has label 2 ..." when a
     * class below it has no label. {@code note}, if not null, ends the message (why it may be missing).
     */
    static int inferCount(Path file, int[] labels, String noun, String note) {
        int[] present = Arrays.stream(labels).distinct().sorted().toArray();
        if (present.length == 0) {
            return 0;
        }
        long count = present[present.length - 1] + 1L;
        String advice = "; if those classes are really empty, give the number of classes with `classes`"
                + (note == null ? "" : " (" + note + ")");
        if (count > MAX_CLASSES) {
            throw BadDataException.inFile(file, "label " + (count - 1) + " would make " + count + " classes, more than the "
                    + MAX_CLASSES + " accepted (labels are class indices 0, 1, ...)");
        }
        if (present.length == count) {
            return (int) count;
        }
        List<String> missing = new ArrayList<>();
        int next = 0;
        for (int label : present) {
            for (; next < label && missing.size() < LISTED; next++) {
                missing.add(Integer.toString(next));
            }
            next = label + 1;
        }
        long total = count - present.length;
        String listed = missing.size() == 1 ? "label " + missing.get(0)
                : "labels " + String.join(", ", missing.subList(0, missing.size() - 1))
                + (total > missing.size() ? ", " + missing.get(missing.size() - 1) + " and " + (total - missing.size()) + " more"
                : " and " + missing.get(missing.size() - 1));
        throw BadDataException.inFile(file, "no " + noun + " has " + listed + " (labels are class indices, here 0.."
                + (count - 1) + ", so every class below the largest label needs a " + noun + ")"
                + (present[0] > 0 ? "; labels counted from 1 must be made to start at 0" : "") + advice);
    }

    /** "10 classes: 0..9", "1 class: 0", for messages about a label out of range. */
    static String range(int numClasses) {
        return numClasses == 1 ? "1 class: 0" : numClasses + " classes: 0.." + (numClasses - 1);
    }
}
