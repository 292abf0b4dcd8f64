package io.github.absgd.data;

import io.github.absgd.util.AbsgdException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a trained tabular model's input is made from a row, as training made it: the training file's
 * columns, the label column, the one-hot categories of each categorical column (a category unseen in
 * training encodes as all zeros), numbers read as training read them, then per feature
 * {@code (x - mean) / std} with the training set's statistics. The encoding is the training
 * encoder's own ({@code TabularEncoder}), and the standardisation {@link TabularBatcher}'s.
 */
public final class TabularPreprocessing {

    private final TabularEncoder encoder;
    private final Normalization standardisation;

    private TabularPreprocessing(TabularEncoder encoder, Normalization standardisation) {
        if (standardisation.mean().length != encoder.numFeatures()) {
            throw new AbsgdException("standardisation has " + standardisation.mean().length + " features, the columns encode "
                    + encoder.numFeatures());
        }
        for (float s : standardisation.std()) {
            if (!(s > 0) || Float.isInfinite(s)) {
                throw new AbsgdException("standardisation standard deviations must be positive, got " + standardisation);
            }
        }
        this.encoder = encoder;
        this.standardisation = standardisation;
    }

    /** The preprocessing of the tabular data a model was trained on (read from CSV). */
    public static TabularPreprocessing of(TrainTestData data) {
        TabularEncoder encoder = data.train().encoder();
        if (encoder == null) {
            throw new AbsgdException("the " + data.kind() + " data record no column encoding (only data read from CSV do)");
        }
        return new TabularPreprocessing(encoder, data.normalization());
    }

    /**
     * The preprocessing described by its parts, e.g. as an exported model records them: the columns in
     * file order (label included), the label column, the categories of each categorical column, the label
     * values in class order (null: the labels are class indices 0, 1, ...), the number of classes and
     * the standardisation (one mean and std per encoded feature).
     */
    public static TabularPreprocessing restore(List<String> columns, String labelColumn, Map<String, List<String>> categories,
            List<String> labelValues, int numClasses, Normalization standardisation) {
        String[] header = columns.toArray(String[]::new);
        int label = columns.indexOf(labelColumn);
        if (label < 0) {
            throw new AbsgdException("label column '" + labelColumn + "' is not among the columns " + columns);
        }
        if (columns.size() != new java.util.HashSet<>(columns).size()) {
            throw new AbsgdException("columns " + columns + " repeat a name");
        }
        boolean[] categorical = new boolean[header.length];
        List<List<String>> perColumn = new ArrayList<>();
        for (int c = 0; c < header.length; c++) {
            List<String> cats = categories.get(header[c]);
            categorical[c] = cats != null && c != label;
            perColumn.add(categorical[c] ? List.copyOf(cats) : List.of());
        }
        for (String name : categories.keySet()) {
            if (!columns.contains(name) || name.equals(labelColumn)) {
                throw new AbsgdException("categorical column '" + name + "' is not a feature column of " + columns);
            }
        }
        if (numClasses < 2 || (labelValues != null && labelValues.size() != numClasses)) {
            throw new AbsgdException(numClasses + " classes with label values " + labelValues);
        }
        return new TabularPreprocessing(new TabularEncoder(header, label, categorical, perColumn, labelValues, numClasses),
                standardisation);
    }

    /** The training file's columns, in its order, label included. */
    public List<String> columns() {
        return List.of(encoder.header());
    }

    public String labelColumn() {
        return encoder.header()[encoder.labelColumn()];
    }

    /** The columns a row must have: every column but the label. */
    public List<String> featureColumns() {
        List<String> features = new ArrayList<>(columns());
        features.remove(encoder.labelColumn());
        return features;
    }

    /** Each categorical column's categories, in the order of their one-hot positions; columns in file order. */
    public Map<String, List<String>> categories() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String[] header = encoder.header();
        for (int c = 0; c < header.length; c++) {
            if (c != encoder.labelColumn() && encoder.categorical(c)) {
                out.put(header[c], encoder.categories().get(c));
            }
        }
        return out;
    }

    /** The label values in class order, or null when the labels are class indices 0, 1, .... */
    public List<String> labelValues() {
        return encoder.labelValues();
    }

    public int numClasses() {
        return encoder.numClasses();
    }

    /** The number of encoded features (numeric columns plus one per category). */
    public int numFeatures() {
        return encoder.numFeatures();
    }

    /** Per feature mean and std of the training set. */
    public Normalization standardisation() {
        return standardisation;
    }

    /**
     * How rows with {@code header} map to the training columns: the header must hold every feature column,
     * in any order, and may hold the label column; a missing or an unknown column is a
     * {@link BadDataException} naming {@code source} and the columns.
     */
    public Layout layout(String source, List<String> header) {
        List<String> features = featureColumns();
        List<String> missing = features.stream().filter(c -> !header.contains(c)).toList();
        List<String> extra = header.stream().filter(c -> !features.contains(c) && !c.equals(labelColumn())).toList();
        List<String> repeated = header.stream().filter(c -> header.indexOf(c) != header.lastIndexOf(c)).distinct().toList();
        if (!missing.isEmpty() || !extra.isEmpty() || !repeated.isEmpty()) {
            List<String> problems = new ArrayList<>();
            if (!missing.isEmpty()) {
                problems.add("missing column" + (missing.size() > 1 ? "s " : " ") + quoted(missing));
            }
            if (!extra.isEmpty()) {
                problems.add("unknown column" + (extra.size() > 1 ? "s " : " ") + quoted(extra));
            }
            if (!repeated.isEmpty()) {
                problems.add("repeated column" + (repeated.size() > 1 ? "s " : " ") + quoted(repeated));
            }
            throw new BadDataException(source + ": " + String.join("; ", problems) + " (the model's columns: "
                    + String.join(", ", features) + ", optionally the label '" + labelColumn() + "')");
        }
        int[] positions = new int[columns().size()];
        List<String> training = columns();
        for (int c = 0; c < positions.length; c++) {
            positions[c] = header.indexOf(training.get(c)); // -1 only for an absent label column
        }
        return new Layout(source, header.size(), positions);
    }

    /** The standardised features of a row given by column name (label optional); errors name "row". */
    public float[] features(Map<String, String> row) {
        List<String> header = new ArrayList<>(row.keySet());
        return layout("row", header).features(header.stream().map(row::get).toArray(String[]::new), 0);
    }

    /** Reads a CSV file as training reads one (UTF-8, separator detected from the header line). */
    public static Table readCsv(Path file) {
        return Table.of(CsvTable.read(file, null));
    }

    /** A CSV (or ARFF) file's header, its data rows as text cells and each row's line number. */
    public record Table(Path file, List<String> header, List<String[]> rows, int[] lineNumbers) {

        static Table of(CsvTable table) {
            List<String[]> rows = new ArrayList<>(table.rows.size());
            int[] lines = new int[table.rows.size()];
            for (int r = 0; r < lines.length; r++) {
                rows.add(table.rows.get(r).cells());
                lines[r] = table.rows.get(r).lineNumber();
            }
            return new Table(table.file, List.of(table.header), rows, lines);
        }
    }

    private static String quoted(List<String> names) {
        return "'" + String.join("', '", names) + "'";
    }

    /** Rows of one header mapped onto the training columns. */
    public final class Layout {
        private final String source;
        private final int width;
        private final int[] positions;

        private Layout(String source, int width, int[] positions) {
            this.source = source;
            this.width = width;
            this.positions = positions.clone();
        }

        /** True when the rows have the label column. */
        public boolean hasLabel() {
            return positions[encoder.labelColumn()] >= 0;
        }

        /** The standardised features of one row; a bad cell names the source, line ({@code lineNumber} 0: none) and column. */
        public float[] features(String[] cells, int lineNumber) {
            float[] x = new float[encoder.numFeatures()];
            encoder.encodeRow(source, lineNumber, inTrainingOrder(cells, lineNumber), x, 0, false);
            return TabularBatcher.standardise(x, standardisation.mean(), standardisation.std());
        }

        /**
         * The class index of the row's label; -1 when the rows have no label column or the cell is empty; a label that
         * is not one of the model's classes names the source, line and value.
         */
        public int label(String[] cells, int lineNumber) {
            String[] ordered = inTrainingOrder(cells, lineNumber);
            if (!hasLabel() || ordered[encoder.labelColumn()].isEmpty()) {
                return -1;
            }
            return encoder.encodeRow(source, lineNumber, ordered, new float[encoder.numFeatures()], 0, true);
        }

        private String[] inTrainingOrder(String[] cells, int lineNumber) {
            if (cells.length != width) {
                throw new BadDataException(source + ": " + (lineNumber > 0 ? "line " + lineNumber + " has " : "a row has ")
                        + cells.length + " fields, the header has " + width);
            }
            String[] ordered = new String[positions.length];
            for (int c = 0; c < positions.length; c++) {
                ordered[c] = positions[c] >= 0 ? cells[positions[c]] : "";
            }
            return ordered;
        }

        @Override
        public String toString() {
            return source + " " + Arrays.toString(positions);
        }
    }
}
