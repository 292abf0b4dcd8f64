package io.github.absgd.report;

import java.util.List;

/**
 * A table of a report page. A cell marked best is bold and followed by a ★, so the mark reads
 * without the page's style sheet too (a highlighted row says why in a cell of its own).
 */
record Table(List<String> header, List<Row> rows) implements Section {

    /** One row; a highlighted row (a sweep's chosen point) gets {@code class="chosen"}. */
    record Row(List<Cell> cells, boolean highlighted) {

        Row(List<Cell> cells) {
            this(cells, false);
        }
    }

    /** A cell's text; numbers are right-aligned, and the best of a column is marked. */
    record Cell(String text, boolean number, boolean best) {

        static Cell text(String text) {
            return new Cell(text, false, false);
        }

        static Cell number(String text) {
            return new Cell(text, true, false);
        }

        Cell markedBest() {
            return new Cell(text, number, true);
        }
    }

    @Override
    public void render(StringBuilder html) {
        html.append("<div class=\"scroll\"><table>\n<thead><tr>");
        for (String title : header) {
            html.append("<th>").append(Section.escape(title)).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (Row row : rows) {
            html.append(row.highlighted() ? "<tr class=\"chosen\">" : "<tr>");
            for (Cell cell : row.cells()) {
                String classes = (cell.number() ? " num" : "") + (cell.best() ? " best" : "");
                html.append(classes.isEmpty() ? "<td>" : "<td class=\"" + classes.strip() + "\">");
                html.append(cell.best() ? "<strong>" + Section.escape(cell.text()) + "</strong> ★" : Section.escape(cell.text()))
                        .append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table></div>\n");
    }
}
