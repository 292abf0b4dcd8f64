package io.github.absgd.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads Weka's ARFF format into the table the CSV reader produces, so that encoding, standardisation
 * and the stratified split are the CSV path's ({@link CsvReader#encode}).
 *
 * <p>The file is strict UTF-8 (a byte-order mark is dropped; a gzip'd file is refused: decompress it).
 * {@code @relation NAME}, then one {@code @attribute NAME TYPE} per column, then {@code @data} and one
 * row per line; keywords and type names in any case. {@code %} starts a comment anywhere outside quotes;
 * blank lines are skipped. Names and values may be quoted with {@code '...'} or {@code "..."}
 * (a backslash escapes the next character); outside quotes, commas and blanks separate values, as in
 * Weka. Types: {@code numeric}, {@code real} and {@code integer} (one float feature each) and nominal
 * {@code {a, b, ...}} (one-hot over the declared values in declaration order). {@code string},
 * {@code date} and {@code relational} attributes are refused, naming the attribute. The class is the
 * last attribute or the one {@code label-column} names (by name or 0-based index); it must be nominal,
 * and its declared values are the classes, in declaration order, with their names. Missing values
 * ({@code ?}) are handled as the CSV reader handles an empty cell: in a nominal attribute, a category of
 * its own; in a numeric attribute, an error naming file, line and attribute; for the class, an error.
 * Sparse rows ({@code {index value, ...}}, 0-based indices in increasing order; an omitted value is 0,
 * or a nominal attribute's first declared value, as Weka reads them) are read; instance weights
 * ({@code {w}} after a row) are refused. A test file must declare the same attributes, types and values
 * in the same order. Every fault is one message naming the file and, where there is one, the line.
 */
public final class ArffReader {

    /** How many declared values a message lists before it only counts the rest. */
    private static final int LISTED = 12;

    private ArffReader() {}

    /**
     * Reads train and test (as {@link CsvReader#read(Path, Path, String, Set, double, long, Character, Integer)}
     * does for CSV): with {@code testFile} null, each class contributes round(testFraction * its size)
     * randomly chosen rows (seeded) to the test set. {@code classAttribute}: by name or 0-based index,
     * null = the last attribute. {@code categorical}: numeric attributes to one-hot encode as well (over the
     * values in the training rows). {@code classes}, if given, must be the number of declared classes.
     */
    public static DataSplit read(Path trainFile, Path testFile, String classAttribute, Set<String> categorical,
            double testFraction, long seed, Integer classes) {
        return read(trainFile, testFile, null, classAttribute, categorical, testFraction, seed, classes);
    }

    /** As above, with a validation set read from {@code valFile} (null: none), which must declare what the training file does. */
    public static DataSplit read(Path trainFile, Path testFile, Path valFile, String classAttribute, Set<String> categorical,
            double testFraction, long seed, Integer classes) {
        Header train = Header.read(trainFile, classAttribute);
        Header test = testFile == null ? null : Header.read(testFile, classAttribute);
        if (test != null) {
            test.requireSameAs(train);
        }
        Header validation = valFile == null ? null : Header.read(valFile, classAttribute);
        if (validation != null) {
            validation.requireSameAs(train);
        }
        return CsvReader.encode(train.table(), test == null ? null : test.table(), validation == null ? null : validation.table(),
                classAttribute, categorical, testFraction, seed, classes);
    }

    /**
     * The rows of an ARFF file to classify, as text cells under the attribute names: the class
     * attribute may be absent or its values missing ('?', an empty cell); every other value is
     * checked against the header as in training.
     */
    public static TabularPreprocessing.Table readRows(Path file) {
        return TabularPreprocessing.Table.of(Header.read(file, null, false).table());
    }

    /** One declared attribute: its name, its values (null if numeric) and the line declaring it. */
    private record Attribute(String name, List<String> values, int line) {
        boolean numeric() {
            return values == null;
        }

        String type() {
            return numeric() ? "numeric" : "nominal " + braces(values);
        }
    }

    /** A token of a line: a value or name ({@code kind} 'w', possibly quoted), or a brace ('{', '}'). */
    private record Token(String text, boolean quoted, char kind) {
        boolean word() {
            return kind == 'w';
        }

        /** The unquoted {@code ?} of a missing value. */
        boolean missing() {
            return word() && !quoted && text.equals("?");
        }

        /** How the token reads in the file, for messages. */
        String shown() {
            return quoted ? "'" + text + "'" : text;
        }
    }

    /** A file's header, read; {@link #table()} reads its rows. */
    private static final class Header {
        private final Path file;
        private final List<String> lines;
        private final List<Attribute> attributes;
        private final int dataLine; // 0-based index of the @data line
        private final int label;

        private Header(Path file, List<String> lines, List<Attribute> attributes, int dataLine, int label) {
            this.file = file;
            this.lines = lines;
            this.attributes = attributes;
            this.dataLine = dataLine;
            this.label = label;
        }

        static Header read(Path file, String classAttribute) {
            return read(file, classAttribute, true);
        }

        /** With {@code labelled} false no attribute is the class: a row's class may be missing ('?'), or not declared at all. */
        static Header read(Path file, String classAttribute, boolean labelled) {
            requireNotGzip(file);
            List<String> lines = RawFiles.readUtf8Lines(file);
            boolean relation = false;
            List<Attribute> attributes = new ArrayList<>();
            Map<String, Integer> declaredAt = new HashMap<>();
            for (int i = 0; i < lines.size(); i++) {
                int line = i + 1;
                List<Token> tokens = tokenize(lines.get(i), file, line);
                if (tokens.isEmpty()) {
                    continue;
                }
                Token first = tokens.get(0);
                String keyword = first.word() && !first.quoted() ? first.text().toLowerCase(Locale.ROOT) : "";
                switch (keyword) {
                    case "@relation" -> {
                        if (relation) {
                            throw at(file, line, "a second @relation");
                        }
                        if (!attributes.isEmpty()) {
                            throw at(file, line, "@relation after the @attribute lines (it comes first)");
                        }
                        if (tokens.size() < 2 || !tokens.get(1).word()) {
                            throw at(file, line, "@relation needs a name");
                        }
                        relation = true;
                    }
                    case "@attribute" -> {
                        if (!relation) {
                            throw at(file, line, "@attribute before @relation (an ARFF file starts with @relation NAME)");
                        }
                        Attribute attribute = attribute(tokens, file, line);
                        Integer before = declaredAt.putIfAbsent(attribute.name(), line);
                        if (before != null) {
                            throw at(file, line, "attribute '" + attribute.name() + "' is declared twice (first on line "
                                    + before + ")");
                        }
                        attributes.add(attribute);
                    }
                    case "@data" -> {
                        if (attributes.isEmpty()) {
                            throw at(file, line, "@data before any @attribute");
                        }
                        if (tokens.size() > 1) {
                            throw at(file, line, "unexpected " + tokens.get(1).shown() + " after @data");
                        }
                        return new Header(file, lines, List.copyOf(attributes), i, labelled ? classAttribute(file, line,
                                attributes, classAttribute) : -1);
                    }
                    default -> throw at(file, line, keyword.startsWith("@")
                            ? "unknown keyword '" + first.text() + "' (expected @relation, @attribute or @data)"
                            : "expected @relation, @attribute or @data, found " + first.shown()
                            + (relation ? "" : " (an ARFF file starts with @relation NAME)"));
                }
            }
            if (!relation) {
                throw BadDataException.inFile(file, lines.stream().allMatch(String::isBlank) ? "is empty, expected an ARFF file"
                        : "has no @relation line (is it an ARFF file?)");
            }
            throw BadDataException.inFile(file, "ends at line " + lines.size() + " without an @data line");
        }

        /** The index of the class attribute, which must be nominal, with another attribute beside it. */
        private static int classAttribute(Path file, int dataLine, List<Attribute> attributes, String spec) {
            int index = spec == null ? attributes.size() - 1 : -1;
            for (int a = 0; a < attributes.size() && index < 0; a++) {
                if (attributes.get(a).name().equals(spec)) {
                    index = a;
                }
            }
            if (index < 0 && spec.matches("[0-9]{1,9}") && Integer.parseInt(spec) < attributes.size()) {
                index = Integer.parseInt(spec);
            }
            if (index < 0) {
                throw BadDataException.inFile(file, "no attribute '" + spec + "' for the class (`label-column`; attributes: "
                        + String.join(", ", attributes.stream().map(Attribute::name).toList()) + ")");
            }
            Attribute cls = attributes.get(index);
            if (cls.numeric()) {
                throw at(file, cls.line(), "the class attribute '" + cls.name() + "' is numeric; it must be nominal, "
                        + "{a, b, ...}, its values being the classes" + (spec == null
                        ? " (the class is the last attribute unless `label-column` names another)" : ""));
            }
            if (attributes.size() < 2) {
                throw at(file, dataLine, "no attribute is declared besides the class '" + cls.name() + "'");
            }
            return index;
        }

        /** Fails unless this (test) file declares what the training file does. */
        void requireSameAs(Header train) {
            int n = Math.min(attributes.size(), train.attributes.size());
            for (int a = 0; a < n; a++) {
                Attribute mine = attributes.get(a);
                Attribute theirs = train.attributes.get(a);
                if (!mine.name().equals(theirs.name())) {
                    throw at(file, mine.line(), "attribute " + (a + 1) + " is '" + mine.name() + "', in the training file "
                            + train.file + " it is '" + theirs.name() + "'");
                }
                if (!mine.type().equals(theirs.type())) {
                    throw at(file, mine.line(), "attribute '" + mine.name() + "' is " + mine.type() + ", in the training file "
                            + train.file + " it is " + theirs.type());
                }
            }
            if (attributes.size() != train.attributes.size()) {
                throw at(file, dataLine + 1, "the header declares " + attributes.size() + " attributes, the training file "
                        + train.file + " declares " + train.attributes.size());
            }
        }

        /** The rows after @data as text cells: a missing nominal value is an empty cell. */
        CsvTable table() {
            List<CsvTable.Row> rows = new ArrayList<>();
            for (int i = dataLine + 1; i < lines.size(); i++) {
                int line = i + 1;
                List<Token> tokens = tokenize(lines.get(i), file, line);
                if (tokens.isEmpty()) {
                    continue;
                }
                Token first = tokens.get(0);
                if (first.word() && !first.quoted() && first.text().startsWith("@")) {
                    throw at(file, line, "'" + first.text() + "' after @data (the header ends at @data, line " + (dataLine + 1)
                            + ")");
                }
                rows.add(new CsvTable.Row(line, first.kind() == '{' ? sparse(tokens, line) : dense(tokens, line)));
            }
            if (rows.isEmpty()) {
                throw at(file, dataLine + 1, "no data rows after @data");
            }
            String[] header = attributes.stream().map(Attribute::name).toArray(String[]::new);
            return CsvTable.of(file, header, rows, attributes.stream().map(Attribute::values).toList());
        }

        private String[] dense(List<Token> tokens, int line) {
            String[] cells = new String[attributes.size()];
            for (int k = 0; k < tokens.size(); k++) {
                if (!tokens.get(k).word()) {
                    throw at(file, line, tokens.get(k).kind() == '{' ? "instance weights ('{w}' after the values) are not "
                            + "read; remove them" : "unexpected '}'");
                }
            }
            if (tokens.size() != cells.length) {
                boolean emptyValue = lines.get(line - 1).matches(".*,\\s*,.*");
                throw BadDataException.inFile(file, "line " + line + " has " + tokens.size() + " values, the header declares "
                        + cells.length + " attributes" + (emptyValue ? " (commas with nothing between them count as one "
                        + "separator, as in Weka; write ? for a missing value)" : ""));
            }
            for (int a = 0; a < cells.length; a++) {
                cells[a] = cell(a, tokens.get(a), line);
            }
            return cells;
        }

        private String[] sparse(List<Token> tokens, int line) {
            String[] cells = new String[attributes.size()];
            for (int a = 0; a < cells.length; a++) {
                cells[a] = attributes.get(a).numeric() ? "0" : attributes.get(a).values().get(0);
            }
            int k = 1;
            int last = -1;
            while (k < tokens.size() && tokens.get(k).kind() != '}') {
                Token index = tokens.get(k);
                if (!index.word() || index.quoted() || !index.text().matches("[0-9]{1,9}")) {
                    throw at(file, line, "expected an attribute index in the sparse row, found " + index.shown());
                }
                int a = Integer.parseInt(index.text());
                if (a >= cells.length) {
                    throw at(file, line, "sparse index " + a + " is out of range (the header declares " + cells.length
                            + " attributes, indices 0.." + (cells.length - 1) + ")");
                }
                if (a <= last) {
                    throw at(file, line, "sparse index " + a + " comes after " + last + " (indices must increase)");
                }
                if (k + 1 >= tokens.size() || !tokens.get(k + 1).word()) {
                    throw at(file, line, "sparse index " + a + " has no value");
                }
                cells[a] = cell(a, tokens.get(k + 1), line);
                last = a;
                k += 2;
            }
            if (k >= tokens.size()) {
                throw at(file, line, "the sparse row is not closed with '}'");
            }
            if (k + 1 < tokens.size()) {
                throw at(file, line, tokens.get(k + 1).kind() == '{' ? "instance weights ('{w}' after the values) are not "
                        + "read; remove them" : "unexpected " + tokens.get(k + 1).shown() + " after the sparse row");
            }
            return cells;
        }

        /** The cell of attribute {@code a}: checked against its type; a missing nominal value is empty. */
        private String cell(int a, Token token, int line) {
            Attribute attribute = attributes.get(a);
            String where = "attribute '" + attribute.name() + "'";
            if (token.missing()) {
                if (a == label) {
                    throw at(file, line, where + ": the class is missing ('?'); every row needs a class");
                }
                if (attribute.numeric()) {
                    throw at(file, line, where + ": the value is missing ('?'); a numeric attribute needs a number in every "
                            + "row, as a CSV feature column does (fill it in, or make the attribute nominal)");
                }
                return "";
            }
            String value = token.text();
            if (attribute.numeric()) {
                if (!TabularEncoder.isNumber(value)) {
                    throw at(file, line, where + ": '" + value + "' is not a number (the attribute is numeric"
                            + (value.matches("[+-]?[0-9]*,[0-9]+") ? "; decimal commas are not read: write "
                            + value.replace(',', '.') : "") + ")");
                }
                return value;
            }
            if (!attribute.values().contains(value)) {
                throw at(file, line, a == label
                        ? "class '" + value + "' is not declared in the header (attribute '" + attribute.name() + "' declares "
                        + braces(attribute.values()) + ")"
                        : where + ": value '" + value + "' is not declared in the header (it declares "
                        + braces(attribute.values()) + ")");
            }
            return value;
        }
    }

    /** Parses "@attribute NAME TYPE" (tokens already split). */
    private static Attribute attribute(List<Token> tokens, Path file, int line) {
        if (tokens.size() < 2 || !tokens.get(1).word()) {
            throw at(file, line, "@attribute needs a name and a type");
        }
        String name = tokens.get(1).text();
        String where = "attribute '" + name + "'";
        if (tokens.size() < 3) {
            throw at(file, line, where + " has no type (numeric, real, integer or {a, b, ...})");
        }
        Token type = tokens.get(2);
        if (type.kind() == '{') {
            List<String> values = new ArrayList<>();
            int k = 3;
            for (; k < tokens.size() && tokens.get(k).kind() != '}'; k++) {
                Token value = tokens.get(k);
                if (!value.word()) {
                    throw at(file, line, where + ": unexpected '{' in its list of values");
                }
                if (values.contains(value.text())) {
                    throw at(file, line, where + " declares the value '" + value.text() + "' twice");
                }
                values.add(value.text());
            }
            if (k >= tokens.size()) {
                throw at(file, line, where + ": the list of values is not closed with '}'");
            }
            if (values.isEmpty()) {
                throw at(file, line, where + " declares no values ({})");
            }
            requireEnd(tokens, k + 1, file, line, where);
            return new Attribute(name, List.copyOf(values), line);
        }
        String kind = type.word() && !type.quoted() ? type.text().toLowerCase(Locale.ROOT) : "";
        switch (kind) {
            case "numeric", "real", "integer" -> {
                requireEnd(tokens, 3, file, line, where);
                return new Attribute(name, null, line);
            }
            case "string", "date", "relational" -> throw at(file, line, where + " is a " + kind + " attribute; only numeric "
                    + "(numeric, real, integer) and nominal ({a, b, ...}) attributes are read: remove it from the file");
            default -> throw at(file, line, where + " has the unknown type " + type.shown()
                    + " (expected numeric, real, integer or {a, b, ...})");
        }
    }

    private static void requireEnd(List<Token> tokens, int from, Path file, int line, String where) {
        if (from < tokens.size()) {
            throw at(file, line, where + ": unexpected " + tokens.get(from).shown() + " after its type");
        }
    }

    /**
     * Splits a line into tokens as Weka's reader does: commas and blanks separate, '{' and '}' stand alone,
     * {@code '...'} and {@code "..."} quote (a backslash escapes the next character), '%' outside quotes
     * starts a comment.
     */
    private static List<Token> tokenize(String line, Path file, int lineNumber) {
        List<Token> tokens = new ArrayList<>();
        int n = line.length();
        int i = 0;
        while (i < n) {
            char ch = line.charAt(i);
            if (ch == '%') {
                break;
            }
            if (ch <= ' ' || ch == ',') {
                i++;
            } else if (ch == '{' || ch == '}') {
                tokens.add(new Token(String.valueOf(ch), false, ch));
                i++;
            } else if (ch == '\'' || ch == '"') {
                StringBuilder text = new StringBuilder();
                int j = i + 1;
                boolean closed = false;
                while (j < n && !closed) {
                    char c = line.charAt(j++);
                    if (c == '\\' && j < n) {
                        char escaped = line.charAt(j++);
                        text.append(escaped == 'n' ? '\n' : escaped == 't' ? '\t' : escaped == 'r' ? '\r' : escaped);
                    } else if (c == ch) {
                        closed = true;
                    } else {
                        text.append(c);
                    }
                }
                if (!closed) {
                    throw at(file, lineNumber, "a quote (" + ch + ") is not closed on the line");
                }
                tokens.add(new Token(text.toString(), true, 'w'));
                i = j;
            } else {
                int j = i;
                while (j < n && line.charAt(j) > ' ' && ",{}%'\"".indexOf(line.charAt(j)) < 0) {
                    j++;
                }
                tokens.add(new Token(line.substring(i, j), false, 'w'));
                i = j;
            }
        }
        return tokens;
    }

    /** "{a, b, c}", the first {@value #LISTED} values then a count of the rest. */
    private static String braces(List<String> values) {
        List<String> shown = values.stream().limit(LISTED).map(v -> v.isEmpty() ? "''" : v).toList();
        return "{" + String.join(", ", shown) + (values.size() > LISTED ? ", ... " + (values.size() - LISTED) + " more" : "")
                + "}";
    }

    private static BadDataException at(Path file, int line, String what) {
        return BadDataException.inFile(file, "line " + line + ": " + what);
    }

    /** Refuses a gzip'd file in one line (it would otherwise read as text that is not UTF-8). */
    private static void requireNotGzip(Path file) {
        BadDataException.requireFile(file);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(2);
            if (head.length == 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
                throw BadDataException.inFile(file, "is gzip-compressed; decompress it (gunzip) and give the .arff file");
            }
        } catch (IOException e) {
            throw BadDataException.inFile(file, "cannot read: " + e.getMessage(), e);
        }
    }
}
