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
 * numbers). Integer labels must leave no class without a training row unless the number of classes
 * is given ({@code classes}); then they must be below it and empty classes are kept. A label is never
 * empty. Columns whose values the file declares ({@link CsvTable#declared}, ARFF's nominal attributes)
 * are categorical with the declared values as categories, in declaration order, plus one for a missing
 * (empty) value if the training rows have one; a declared label column's values are the classes, in
 * declaration order, classes without a training row included.
 */
final class TabularEncoder {

    private final int labelColumn;
    private final String[] header;
    private final boolean[] categorical;
    private final List<List<String>> categories; // per column; empty for numeric columns
    private final List<String> labelValues; // null when labels are integer class indices
    private final int numClasses;
    private final int numFeatures;
    private final boolean classesGiven;

    private TabularEncoder(CsvTable train, List<CsvTable.Row> trainRows, int labelColumn, Set<String> categoricalNames,
            Integer classes, boolean split) {
        this.labelColumn = labelColumn;
        this.header = train.header;
        this.classesGiven = classes != null;
        this.categorical = new boolean[header.length];
        for (String name : categoricalNames) {
            int c = train.column(name);
            if (c == labelColumn) {
                throw BadDataException.inFile(train.file, "column '" + name + "' is the label, it cannot be categorical");
            }
            categorical[c] = true;
        }
        for (int c = 0; c < header.length; c++) {
            categorical[c] |= c != labelColumn && train.declaredValues(c) != null;
        }
        this.categories = new ArrayList<>();
        int features = 0;
        for (int c = 0; c < header.length; c++) {
            List<String> cats = List.of();
            if (categorical[c] && train.declaredValues(c) != null) {
                List<String> declared = new ArrayList<>(train.declaredValues(c));
                final int column = c;
                if (!declared.contains("") && trainRows.stream().anyMatch(row -> row.cells()[column].isEmpty())) {
                    declared.add(""); // a missing value is a category of its own, as an empty CSV cell is
                }
                cats = List.copyOf(declared);
                features += cats.size();
            } else if (categorical[c]) {
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
        requireFeatures(train, labelColumn);
        for (CsvTable.Row row : trainRows) {
            requireLabel(train, row, labelColumn);
        }
        List<String> raw = trainRows.stream().map(r -> r.cells()[labelColumn]).toList();
        if (train.declaredValues(labelColumn) != null) {
            this.labelValues = List.copyOf(train.declaredValues(labelColumn));
            this.numClasses = labelValues.size();
            if (classes != null && classes != numClasses) {
                throw BadDataException.inFile(train.file, "the class attribute '" + header[labelColumn] + "' declares "
                        + numClasses + " classes, so `classes` cannot be " + classes + "; leave it out");
            }
        } else if (raw.stream().allMatch(TabularEncoder::isClassIndex)) {
            this.labelValues = null;
            int[] labels = raw.stream().mapToInt(Integer::parseInt).toArray();
            this.numClasses = classes != null ? classes
                    : ClassIndices.inferCount(train.file, labels, split ? "training row" : "row", split
                            ? "or lower `test-fraction`: the test split took every row of those labels" : null);
        } else {
            boolean numeric = raw.stream().allMatch(TabularEncoder::isNumber);
            TreeSet<String> distinct = numeric
                    ? new TreeSet<>((a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b)))
                    : new TreeSet<>();
            distinct.addAll(raw);
            this.labelValues = List.copyOf(distinct);
            this.numClasses = labelValues.size();
            if (classes != null && classes != numClasses) {
                throw BadDataException.inFile(train.file, "column '" + header[labelColumn] + "' holds " + numClasses
                        + " distinct labels that are not class indices (0, 1, ...), so `classes` cannot be " + classes
                        + "; leave it out");
            }
        }
    }

    /** Learns the encoding from the training rows of a table; label column by name or index, null = last. */
    static TabularEncoder fit(CsvTable train, List<CsvTable.Row> trainRows, String labelColumnSpec,
            Set<String> categoricalNames, Integer classes, boolean split) {
        return new TabularEncoder(train, trainRows, labelColumn(train, labelColumnSpec), categoricalNames, classes, split);
    }

    /**
     * With {@code classes} null, fails if the table's integer labels leave a class below the largest
     * without a row (before a split, so the message speaks of the file, not of the split).
     */
    static void checkNoGaps(CsvTable table, int labelColumn, Integer classes) {
        if (classes != null || table.declaredValues(labelColumn) != null) {
            return;
        }
        for (CsvTable.Row row : table.rows) {
            requireLabel(table, row, labelColumn);
        }
        List<String> raw = table.rows.stream().map(r -> r.cells()[labelColumn]).toList();
        if (raw.stream().allMatch(TabularEncoder::isClassIndex)) {
            ClassIndices.inferCount(table.file, raw.stream().mapToInt(Integer::parseInt).toArray(), "row", null);
        }
    }

    /** Fails if the table has no column besides the label (often a file read with the wrong separator). */
    static void requireFeatures(CsvTable table, int labelColumn) {
        if (table.header.length < 2) {
            throw BadDataException.inFile(table.file, "has no feature columns besides the label '" + table.header[labelColumn]
                    + "' (read with the separator " + CsvTable.describe(table.delimiter) + "; give `delimiter` if it is another)");
        }
    }

    /** Fails if the row's label cell is empty. */
    static void requireLabel(CsvTable table, CsvTable.Row row, int labelColumn) {
        if (row.cells()[labelColumn].isEmpty()) {
            throw BadDataException.inFile(table.file, "line " + row.lineNumber() + ", column '" + table.header[labelColumn]
                    + "': the label is empty");
        }
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
            y[r] = encodeRow(table.file.toString(), row.lineNumber(), row.cells(), x, r * numFeatures, true);
        }
        List<String> names = labelValues != null ? labelValues : null;
        return LabeledData.ofFeatures(numFeatures, x, y, numClasses, names).withEncoder(this);
    }

    /**
     * Writes the features of one row (cells in the training header's order) into {@code x} at {@code at}
     * and returns its class index, or -1 without {@code withLabel}. Errors name {@code source} and the
     * line ({@code lineNumber} 0: none). Training and a served model's rows both go through here.
     */
    int encodeRow(String source, int lineNumber, String[] cells, float[] x, int at, boolean withLabel) {
        int label = -1;
        for (int c = 0; c < header.length; c++) {
            String cell = cells[c];
            if (c == labelColumn) {
                if (withLabel) {
                    label = classIndex(source, lineNumber, cell);
                }
            } else if (categorical[c]) {
                int k = categories.get(c).indexOf(cell);
                if (k >= 0) {
                    x[at + k] = 1f;
                }
                at += categories.get(c).size();
            } else {
                x[at++] = number(source, lineNumber, c, cell);
            }
        }
        return label;
    }

    /** An encoder restored from what {@link #header()}, {@link #labelColumn()}, ... reported of a fitted one. */
    TabularEncoder(String[] header, int labelColumn, boolean[] categorical, List<List<String>> categories,
            List<String> labelValues, int numClasses) {
        this.header = header.clone();
        this.labelColumn = labelColumn;
        this.categorical = categorical.clone();
        this.categories = List.copyOf(categories);
        this.labelValues = labelValues == null ? null : List.copyOf(labelValues);
        this.numClasses = numClasses;
        this.classesGiven = false;
        int features = 0;
        for (int c = 0; c < header.length; c++) {
            features += c == labelColumn ? 0 : categorical[c] ? categories.get(c).size() : 1;
        }
        this.numFeatures = features;
    }

    String[] header() {
        return header.clone();
    }

    int labelColumn() {
        return labelColumn;
    }

    boolean categorical(int column) {
        return categorical[column];
    }

    /** Per column its one-hot categories in encoding order; empty for numeric columns and the label. */
    List<List<String>> categories() {
        return categories;
    }

    /** The label values in class order, or null when labels are integer class indices. */
    List<String> labelValues() {
        return labelValues;
    }

    int numFeatures() {
        return numFeatures;
    }

    int numClasses() {
        return numClasses;
    }

    private String where(String source, int lineNumber, int column) {
        return source + ": " + (lineNumber > 0 ? "line " + lineNumber + ", " : "") + "column '" + header[column] + "'";
    }

    private int classIndex(String source, int lineNumber, String cell) {
        if (cell.isEmpty()) {
            throw new BadDataException(where(source, lineNumber, labelColumn) + ": the label is empty");
        }
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
            throw new BadDataException(where(source, lineNumber, labelColumn)
                    + ": label '" + cell + "' is out of range (" + (classesGiven ? "`classes` is " + numClasses + ", "
                    + ClassIndices.range(numClasses) : "not one of the " + numClasses + " classes of the training data") + ")");
        }
        return index;
    }

    private float number(String source, int lineNumber, int column, String cell) {
        if (isNumber(cell)) {
            return Float.parseFloat(cell);
        }
        if (cell.isEmpty()) {
            throw new BadDataException(where(source, lineNumber, column)
                    + ": the value is empty (every feature needs a number; list the column in `categorical` if it is a category)");
        }
        boolean decimalComma = cell.matches("[+-]?[0-9]*,[0-9]+");
        throw new BadDataException(where(source, lineNumber, column)
                + ": '" + cell + "' is not a number (" + (decimalComma ? "decimal commas are not read: write "
                + cell.replace(',', '.') + "; " : "") + "list the column in `categorical` if it is a category)");
    }

    private static boolean isClassIndex(String s) {
        return !s.isEmpty() && s.length() < 10 && s.chars().allMatch(Character::isDigit);
    }

    /** A finite decimal number as Java and Python write it; not "NaN", "Infinity" or "1f". */
    static boolean isNumber(String s) {
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
