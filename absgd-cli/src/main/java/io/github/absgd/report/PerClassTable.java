package io.github.absgd.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/** Per-class test accuracy by method as a page table, classes in the per-class chart's order, with their training counts. */
final class PerClassTable {

    private PerClassTable() {}

    /** Class indices from the largest training class to the smallest (by index on a tie): the chart's order too. */
    static List<Integer> largestFirst(long[] trainCounts) {
        return IntStream.range(0, trainCounts.length).boxed()
                .sorted(Comparator.<Integer>comparingLong(c -> -trainCounts[c]).thenComparing(c -> c))
                .toList();
    }

    static Table of(Map<String, double[]> perClassByMethod, long[] trainCounts, List<String> classNames) {
        // a CSV's classes are named by their index: a name column would repeat it
        boolean named = classNames != null && IntStream.range(0, classNames.size())
                .anyMatch(c -> !classNames.get(c).equals(String.valueOf(c)));
        List<String> header = new ArrayList<>(named ? List.of("class", "name", "training images") : List.of("class", "training images"));
        perClassByMethod.keySet().forEach(method -> header.add(method + " (%)"));
        List<Table.Row> rows = new ArrayList<>();
        for (int c : largestFirst(trainCounts)) {
            List<Table.Cell> cells = new ArrayList<>(List.of(Table.Cell.number(String.valueOf(c))));
            if (named) {
                cells.add(Table.Cell.text(c < classNames.size() ? classNames.get(c) : "–"));
            }
            cells.add(Table.Cell.number(String.valueOf(trainCounts[c])));
            for (double[] accuracy : perClassByMethod.values()) {
                // NaN: the class has no test sample
                cells.add(Table.Cell.number(Double.isNaN(accuracy[c]) ? "–" : String.format(Locale.ROOT, "%.2f", 100 * accuracy[c])));
            }
            rows.add(new Table.Row(cells));
        }
        return new Table(header, rows);
    }
}
