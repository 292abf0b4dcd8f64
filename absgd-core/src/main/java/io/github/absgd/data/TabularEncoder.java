package io.github.absgd.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns CSV rows into features and class indices, with everything learnt from the training rows:
 * numeric columns become one float each; categorical columns become one-hot blocks over the sorted
 * categories seen in training (a category unseen in training encodes as all zeros, as scikit-learn's
 * {@code handle_unknown='ignore'} does); labels that are all non-negative integers are used as class
 * indices, other labels map to the index of their value in sorted order (numeric order when all are
 * numbers).
 */
final class TabularEncoder {

    private final int labelColumn;
    private final String[] header;
    private final boolean[] categorical;
    private final List<List<String>> categories; // per column; empty for numeric columns
    private final List<String> labelValues; // null when labels are integer class indices
    private final int numClasses;
    private final int numFeatures;

    private TabularEncoder(CsvTable train, List<CsvTable.Row> trainRows, int labelColumn, Set<String> categoricalNames) {
        this.labelColumn = labelColumn;
        this.header = train.header;
        this.categorical = new boolean[header.length];
        for (String name : categoricalNames) {
            int c = train.column(name);
            if (c == labelColumn) {
                throw BadDataException.inFile(train.file, "column '" + name + "' is the label, it cannot be categorical");
            }
            categorical[c] = true;
        }
        this.categories = new ArrayList<>();
        int features = 0;
        for (int c = 0; c < header.length; c++) {
            List<String> cats = List.of();
            if (categorical[c]) {
                Set<String> seen = new TreeSet<>();
                for (CsvTable.Row row : trainRows) {
                    seen.add(row.cells()[c]);
                }
                cats = List.copyOf(seen);
                features += cats.size();
            } else if (c != labelColumn) {
                features++;
            }
            categories.add(cats);
        }
        this.numFeatures = features;
        List<String> raw = trainRows.stream().map(r -> r.cells()[labelColumn]).toList();
        if (raw.stream().allMatch(TabularEncoder::isClassIndex)) {
            this.labelValues = null;
            this.numClasses = raw.stream().mapToInt(Integer::parseInt).max().orElse(0) + 1;
        } else {
            boolean numeric = raw.stream().allMatch(TabularEncoder::isNumber);
            TreeSet<String> distinct = numeric
                    ? new TreeSet<>((a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b)))
                    : new TreeSet<>();
            distinct.addAll(raw);
            this.labelValues = List.copyOf(distinct);
            this.numClasses = labelValues.size();
        }
    }

    /** Learns the encoding from the training rows of a table; label column by name or index, null = last. */
    static TabularEncoder fit(CsvTable train, List<CsvTable.Row> trainRows, String labelColumnSpec,
            Set<String> categoricalNames) {
        return new TabularEncoder(train, trainRows, labelColumn(train, labelColumnSpec), categoricalNames);
    }

    /** The label column: by name or 0-based index, the last column when null. */
    static int labelColumn(CsvTable table, String labelColumnSpec) {
        return labelColumnSpec == null ? table.header.length - 1 : table.column(labelColumnSpec);
    }

    /** Encodes the given rows of a table (whose header must match the training header). */
    LabeledData encode(CsvTable table, List<CsvTable.Row> rows) {
        if (!Arrays.equals(table.header, header)) {
            throw BadDataException.inFile(table.file, "header " + String.join(",", table.header)
                    + " differs from the training file's " + String.join(",", header));
        }
        float[] x = new float[rows.size() * numFeatures];
        int[] y = new int[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            CsvTable.Row row = rows.get(r);
            int at = r * numFeatures;
            for (int c = 0; c < header.length; c++) {
                String cell = row.cells()[c];
                if (c == labelColumn) {
                    y[r] = classIndex(table, row, cell);
                } else if (categorical[c]) {
                    int k = categories.get(c).indexOf(cell);
                    if (k >= 0) {
                        x[at + k] = 1f;
                    }
                    at += categories.get(c).size();
                } else {
                    x[at++] = number(table, row, c, cell);
                }
            }
        }
        List<String> names = labelValues != null ? labelValues : null;
        return LabeledData.ofFeatures(numFeatures, x, y, numClasses, names);
    }

    int numClasses() {
        return numClasses;
    }

    private int classIndex(CsvTable table, CsvTable.Row row, String cell) {
        int index = labelValues == null ? (isClassIndex(cell) ? Integer.parseInt(cell) : -1)
                : labelValues.indexOf(cell);
        if (labelValues != null && index < 0 && isNumber(cell)) {
            // numeric labels may be spelt differently in the test file ("1" vs "1.0")
            for (int k = 0; k < labelValues.size(); k++) {
                if (isNumber(labelValues.get(k))
                        && Double.parseDouble(labelValues.get(k)) == Double.parseDouble(cell)) {
                    index = k;
                }
            }
        }
        if (index < 0 || index >= numClasses) {
            throw BadDataException.inFile(table.file, "line " + row.lineNumber() + ", column '" + header[labelColumn]
                    + "': label '" + cell + "' is out of range (not one of the " + numClasses
                    + " classes of the training data)");
        }
        return index;
    }

    private float number(CsvTable table, CsvTable.Row row, int column, String cell) {
        if (isNumber(cell)) {
            return Float.parseFloat(cell);
        }
        throw BadDataException.inFile(table.file, "line " + row.lineNumber() + ", column '" + header[column]
                + "': '" + cell + "' is not a number (list the column in `categorical` if it is a category)");
    }

    private static boolean isClassIndex(String s) {
        return !s.isEmpty() && s.length() < 10 && s.chars().allMatch(Character::isDigit);
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty() || !s.chars().allMatch(ch -> Character.isDigit(ch) || "+-.eE".indexOf(ch) >= 0)) {
            return false; // rejects "NaN", "Infinity" and Java's "1f" / "1d" suffixes
        }
        try {
            return Double.isFinite(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
