package io.github.absgd.report;

import io.github.absgd.report.Comparison.MethodSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A comparison as a page table: one row per method, mean ± sd over seeds, the best value of each column marked. */
final class ResultsTable {

    /** A column: its title, the value that ranks it (higher is better, null where absent) and its text. */
    private record Column(String title, Function<MethodSummary, Double> score, Function<MethodSummary, String> text) {

        static Column percent(String title, Function<MethodSummary, MeanSd> metric) {
            return new Column(title, m -> metric.apply(m) == null ? null : metric.apply(m).mean(),
                    m -> Comparison.cell(metric.apply(m)));
        }
    }

    private static final List<Column> COLUMNS = List.of(
            Column.percent("balanced accuracy (%)", MethodSummary::balancedAccuracy),
            Column.percent("tail-3 (%)", MethodSummary::tail3),
            Column.percent("many-shot (%)", MethodSummary::many),
            Column.percent("medium-shot (%)", MethodSummary::medium),
            Column.percent("few-shot (%)", MethodSummary::few),
            new Column("images/s (median)", MethodSummary::imagesPerSecondMedian, Comparison::speed));

    private ResultsTable() {}

    static Table of(Comparison comparison) {
        List<String> header = new ArrayList<>(List.of("method", "seeds"));
        COLUMNS.forEach(column -> header.add(column.title()));
        List<Table.Row> rows = new ArrayList<>();
        for (Map.Entry<String, MethodSummary> method : comparison.methods().entrySet()) {
            MethodSummary summary = method.getValue();
            List<Table.Cell> cells = new ArrayList<>(List.of(Table.Cell.text(method.getKey()),
                    Table.Cell.number(String.valueOf(summary.seeds().size()))));
            for (Column column : COLUMNS) {
                Table.Cell cell = Table.Cell.number(column.text().apply(summary));
                cells.add(isBest(column, summary, comparison) ? cell.markedBest() : cell);
            }
            rows.add(new Table.Row(cells));
        }
        return new Table(header, rows);
    }

    /** Whether the method has the column's highest value (all of them on a tie); nothing is best among fewer than two. */
    private static boolean isBest(Column column, MethodSummary method, Comparison comparison) {
        List<Double> values = comparison.methods().values().stream().map(column.score()).filter(v -> v != null).toList();
        Double own = column.score().apply(method);
        return values.size() > 1 && own != null && own.doubleValue() == values.stream().mapToDouble(Double::doubleValue).max()
                .orElseThrow();
    }
}
