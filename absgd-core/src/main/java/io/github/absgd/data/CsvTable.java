package io.github.absgd.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV file parsed into text cells: a header line then rows that must all have the header's width.
 * Fields may be double-quoted (with "" for a quote inside); blank lines are skipped. Each row keeps
 * its 1-based line number for error messages.
 */
final class CsvTable {

    record Row(int lineNumber, String[] cells) {}

    final Path file;
    final String[] header;
    final List<Row> rows;

    private CsvTable(Path file, String[] header, List<Row> rows) {
        this.file = file;
        this.header = header;
        this.rows = rows;
    }

    static CsvTable read(Path file) {
        BadDataException.requireFile(file);
        String[] header = null;
        List<Row> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNumber = 0;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = split(line, file, lineNumber);
                if (header == null) {
                    header = cells;
                } else if (cells.length != header.length) {
                    throw BadDataException.inFile(file, "line " + lineNumber + " has " + cells.length
                            + " fields, the header has " + header.length);
                } else {
                    rows.add(new Row(lineNumber, cells));
                }
            }
        } catch (IOException e) {
            throw BadDataException.inFile(file, "cannot read: " + e.getMessage(), e);
        }
        if (header == null) {
            throw BadDataException.inFile(file, "is empty, expected a header line");
        }
        if (rows.isEmpty()) {
            throw BadDataException.inFile(file, "has a header but no data rows");
        }
        return new CsvTable(file, header, rows);
    }

    /** Index of the named column; also accepts a 0-based index. */
    int column(String nameOrIndex) {
        for (int c = 0; c < header.length; c++) {
            if (header[c].equals(nameOrIndex)) {
                return c;
            }
        }
        try {
            int index = Integer.parseInt(nameOrIndex);
            if (index >= 0 && index < header.length) {
                return index;
            }
        } catch (NumberFormatException ignored) {
            // not a number: fall through to the error naming the column
        }
        throw BadDataException.inFile(file, "no column '" + nameOrIndex + "' (columns: " + String.join(", ", header)
                + ")");
    }

    private static String[] split(String line, Path file, int lineNumber) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        if (quoted) {
            throw BadDataException.inFile(file, "line " + lineNumber + ": unterminated quoted field");
        }
        cells.add(cell.toString().strip());
        return cells.toArray(String[]::new);
    }
}
