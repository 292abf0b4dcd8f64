package io.github.absgd.data;

import io.github.absgd.util.InvalidSettingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads tabular data from CSV: a header line, one label column, numeric feature columns and the
 * columns named as categorical one-hot encoded (see {@link TabularEncoder} for the exact rules).
 * Either a separate test file is given, or the test set is a seeded split stratified by label.
 */
public final class CsvReader {

    private CsvReader() {}

    /**
     * Reads train and test. With {@code testFile} null, each class contributes
     * round(testFraction * its size) randomly chosen rows (seeded) to the test set. The separator is
     * detected from each file's header line, the number of classes inferred from the labels.
     */
    public static DataSplit read(Path trainFile, Path testFile, String labelColumn, Set<String> categorical,
            double testFraction, long seed) {
        return read(trainFile, testFile, labelColumn, categorical, testFraction, seed, null, null);
    }

    /**
     * As {@link #read(Path, Path, String, Set, double, long)}, with the separator ({@code delimiter}
     * null: detected from each file's header line) and the number of classes ({@code classes} null:
     * 1 + the largest integer label, or the number of distinct labels) given.
     */
    public static DataSplit read(Path trainFile, Path testFile, String labelColumn, Set<String> categorical,
            double testFraction, long seed, Character delimiter, Integer classes) {
        return read(trainFile, testFile, null, labelColumn, categorical, testFraction, seed, delimiter, classes);
    }

    /** As above, with a validation set read from {@code valFile} (null: none), encoded as the test set is. */
    public static DataSplit read(Path trainFile, Path testFile, Path valFile, String labelColumn, Set<String> categorical,
            double testFraction, long seed, Character delimiter, Integer classes) {
        CsvTable train = CsvTable.read(trainFile, delimiter);
        TabularEncoder.requireFeatures(train, TabularEncoder.labelColumn(train, labelColumn));
        return encode(train, testFile == null ? null : CsvTable.read(testFile, delimiter),
                valFile == null ? null : CsvTable.read(valFile, delimiter), labelColumn, categorical, testFraction, seed, classes);
    }

    /**
     * Encodes tables already read (CSV, or ARFF through {@link ArffReader}): with {@code test} null, the
     * seeded split stratified by label; the encoding is learnt from the training rows either way.
     */
    static DataSplit encode(CsvTable train, CsvTable test, CsvTable validation, String labelColumn, Set<String> categorical,
            double testFraction, long seed, Integer classes) {
        if (test != null) {
            TabularEncoder encoder = TabularEncoder.fit(train, train.rows, labelColumn, categorical, classes, false);
            return new DataSplit(encoder.encode(train, train.rows), encoder.encode(test, test.rows),
                    validation == null ? null : encoder.encode(validation, validation.rows));
        }
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new InvalidSettingException("test-fraction", "must be in (0, 1), got " + testFraction);
        }
        int labelIndex = TabularEncoder.labelColumn(train, labelColumn);
        TabularEncoder.checkNoGaps(train, labelIndex, classes);
        List<List<CsvTable.Row>> parts = stratifiedSplit(train, labelIndex, testFraction, seed);
        TabularEncoder encoder = TabularEncoder.fit(train, parts.get(0), labelColumn, categorical, classes, true);
        return new DataSplit(encoder.encode(train, parts.get(0)), encoder.encode(train, parts.get(1)),
                validation == null ? null : encoder.encode(validation, validation.rows));
    }

    /** [train rows, test rows], each class split separately, rows kept in file order. */
    static List<List<CsvTable.Row>> stratifiedSplit(CsvTable table, int labelColumn, double testFraction, long seed) {
        Map<String, List<Integer>> byLabel = new TreeMap<>();
        for (int i = 0; i < table.rows.size(); i++) {
            byLabel.computeIfAbsent(table.rows.get(i).cells()[labelColumn], k -> new ArrayList<>()).add(i);
        }
        boolean[] inTest = new boolean[table.rows.size()];
        Random rng = new Random(seed);
        for (List<Integer> members : byLabel.values()) {
            java.util.Collections.shuffle(members, rng);
            long take = Math.round(testFraction * members.size());
            for (int k = 0; k < take; k++) {
                inTest[members.get(k)] = true;
            }
        }
        List<CsvTable.Row> trainRows = new ArrayList<>();
        List<CsvTable.Row> testRows = new ArrayList<>();
        for (int i = 0; i < inTest.length; i++) {
            (inTest[i] ? testRows : trainRows).add(table.rows.get(i));
        }
        if (trainRows.isEmpty() || testRows.isEmpty()) {
            throw BadDataException.inFile(table.file, "too few rows (" + table.rows.size()
                    + ") to split into training and test sets");
        }
        return List.of(trainRows, testRows);
    }
}
