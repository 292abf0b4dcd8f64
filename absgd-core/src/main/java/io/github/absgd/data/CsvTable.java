package io.github.absgd.data;

import io.github.absgd.util.InvalidSettingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV file parsed into text cells: a header line then rows that must all have the header's width.
 * The file must be UTF-8 (a byte-order mark is dropped). Fields are separated by the given delimiter,
 * or else by the one of comma, semicolon and tab that occurs most often, outside quotes, in the header
 * line (comma on a tie or when none occurs). Fields may be double-quoted (with "" for a quote inside);
 * blank lines are skipped. Each row keeps its 1-based line number for error messages. {@link ArffReader}
 * builds the same table from an ARFF file, with the values each nominal attribute declares.
 */
final class CsvTable {

    /** The separators {@link #detectDelimiter} chooses from, in the order that breaks ties. */
    static final char[] DETECTED = {',', ';', '\t'};

    record Row(int lineNumber, String[] cells) {}

    final Path file;
    final String[] header;
    final List<Row> rows;

    /** The separator the file was read with. */
    final char delimiter;

    /**
     * Per column, the values its file declares (an ARFF nominal attribute: the one-hot categories, or
     * for the label the classes, in declaration order), or null (learnt from the training rows); null
     * for a CSV file. An empty cell in a declared column is a missing value.
     */
    final List<List<String>> declared;

    private CsvTable(Path file, char delimiter, String[] header, List<Row> rows, List<List<String>> declared) {
        this.delimiter = delimiter;
        this.file = file;
        this.header = header;
        this.rows = rows;
        this.declared = declared;
    }

    /** A table read by another reader (ARFF): header, rows and each column's declared values (null entries allowed). */
    static CsvTable of(Path file, String[] header, List<Row> rows, List<List<String>> declared) {
        return new CsvTable(file, ',', header, rows, java.util.Collections.unmodifiableList(new ArrayList<>(declared)));
    }

    /** The values declared for the column, or null. */
    List<String> declaredValues(int column) {
        return declared == null ? null : declared.get(column);
    }

    /** Reads a CSV file; {@code delimiter} null: detected from the header line. */
    static CsvTable read(Path file, Character delimiter) {
        List<String> lines = RawFiles.readUtf8Lines(file);
        String[] header = null;
        char separator = ',';
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int lineNumber = i + 1;
            if (line.isBlank()) {
                continue;
            }
            if (header == null) {
                separator = delimiter != null ? delimiter : detectDelimiter(line);
                header = split(line, separator, file, lineNumber);
                continue;
            }
            String[] cells = split(line, separator, file, lineNumber);
            if (cells.length != header.length) {
                throw BadDataException.inFile(file, "line " + lineNumber + " has " + cells.length
                        + " fields, the header has " + header.length);
            }
            rows.add(new Row(lineNumber, cells));
        }
        if (header == null) {
            throw BadDataException.inFile(file, "is empty, expected a header line");
        }
        if (rows.isEmpty()) {
            throw BadDataException.inFile(file, "has a header but no data rows");
        }
        return new CsvTable(file, separator, header, rows, null);
    }

    /** The setting {@code delimiter}: null (detect), one character, or "tab" (also "\\t"). */
    static Character parseDelimiter(String text) {
        if (text == null) {
            return null;
        }
        if (text.equals("tab") || text.equals("\\t") || text.equals("\t")) {
            return '\t';
        }
        if (text.length() != 1 || Character.isLetterOrDigit(text.charAt(0)) || "\" \r\n".indexOf(text.charAt(0)) >= 0) {
            throw new InvalidSettingException("delimiter", "must be one character (not a letter, digit, quote or space) "
                    + "or tab, got '" + text + "'");
        }
        return text.charAt(0);
    }

    /** "','", "';'" or "tab", for messages. */
    static String describe(char delimiter) {
        return delimiter == '\t' ? "tab" : "'" + delimiter + "'";
    }

    /** The one of comma, semicolon and tab found most often outside quotes in the line; comma on a tie or if none. */
    static char detectDelimiter(String headerLine) {
        int[] counts = new int[DETECTED.length];
        boolean quoted = false;
        for (int i = 0; i < headerLine.length(); i++) {
            char ch = headerLine.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            }
            for (int k = 0; k < DETECTED.length && !quoted; k++) {
                counts[k] += ch == DETECTED[k] ? 1 : 0;
            }
        }
        int best = 0;
        for (int k = 1; k < DETECTED.length; k++) {
            if (counts[k] > counts[best]) {
                best = k;
            }
        }
        return DETECTED[best];
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

    private static String[] split(String line, char delimiter, Path file, int lineNumber) {
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
            } else if (ch == delimiter) {
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
