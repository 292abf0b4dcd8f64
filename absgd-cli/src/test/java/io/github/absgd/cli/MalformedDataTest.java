package io.github.absgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.absgd.data.TestFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every reader against malformed files, through {@code absgd data}: each case breaks one thing in a tiny,
 * otherwise valid data set (written here), and the command must refuse it with exit code 2 and exactly
 * one line, "absgd: ..." naming the file (or the value) at fault and what is wrong, without a stack trace.
 * The unbroken data sets load ({@link #theUnbrokenDataSetsLoad}), so each case fails for its own fault.
 */
class MalformedDataTest {

    @TempDir Path dir;

    /** What a case runs: the arguments after {@code data}, and the text the error line must name. */
    record Run(List<String> args, String named) {
        /** The same run, naming another file. */
        Run naming(Path file) {
            return naming(file.toString());
        }

        /** The same run, naming another file or value. */
        Run naming(String text) {
            return new Run(args, text);
        }
    }

    /** Writes a case's files under a directory and says how to run it. */
    interface Setup {
        Run write(Path dir) throws IOException;
    }

    /** One malformed input; {@code says}: fragments the error line must hold besides the name. */
    record Case(String name, Setup setup, String... says) {
        @Override
        public String toString() {
            return name;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedInOneLineNamingTheFault(Case c) throws IOException {
        Run run = c.setup().write(dir);
        List<String> args = new ArrayList<>(List.of("data"));
        args.addAll(run.args());
        String[] result = CommandLineRun.run(args.toArray(String[]::new));
        String err = result[2];
        assertEquals("2", result[0], () -> c + ": exit code; stderr: " + err);
        List<String> lines = err.lines().toList();
        assertEquals(1, lines.size(), () -> c + ": exactly one line on stderr, got:\n" + err);
        String line = lines.get(0);
        assertTrue(line.startsWith("absgd: "), () -> c + ": " + line);
        assertTrue(line.contains(run.named()), () -> c + ": should name " + run.named() + ": " + line);
        for (String fragment : c.says()) {
            assertTrue(line.contains(fragment), () -> c + ": should say '" + fragment + "': " + line);
        }
        assertFalse(err.contains("\tat "), () -> c + ": no stack trace: " + err);
        assertEquals("", result[1], () -> c + ": nothing on stdout");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validDataSets")
    void theUnbrokenDataSetsLoad(String name, Setup setup) throws IOException {
        Run run = setup.write(dir);
        List<String> args = new ArrayList<>(List.of("data", "--json"));
        args.addAll(run.args());
        String[] result = CommandLineRun.run(args.toArray(String[]::new));
        assertEquals("0", result[0], () -> name + ": " + result[2]);
    }

    static Stream<Arguments> validDataSets() {
        return Stream.of(
                Arguments.of("idx", (Setup) d -> idx(idxSet(d))),
                Arguments.of("fashion-mnist", (Setup) d -> fashion(idxSet(d))),
                Arguments.of("cifar10", (Setup) d -> cifar10(cifar10Set(d))),
                Arguments.of("cifar100", (Setup) d -> cifar100(cifar100Set(d), "fine")),
                Arguments.of("csv", (Setup) d -> csv(csvFile(d, CSV))),
                Arguments.of("arff", (Setup) d -> arff(arffFile(d, "train.arff", ARFF), "--test-fraction", "0.5")),
                Arguments.of("arff with a test file", (Setup) d -> arff(arffFile(d, "train.arff", ARFF), "--test-file",
                        arffFile(d, "test.arff", ARFF).toString())),
                Arguments.of("imagelist", (Setup) d -> imageList(imageListSet(d))),
                Arguments.of("imagefolder", (Setup) d -> imageFolder(imageFolderSet(d))));
    }

    static Stream<Case> cases() {
        List<Case> all = new ArrayList<>();
        all.addAll(idxCases());
        all.addAll(cifarCases());
        all.addAll(csvCases());
        all.addAll(arffCases());
        all.addAll(imageListCases());
        all.addAll(imageFolderCases());
        return all.stream();
    }

    // ---------------------------------------------------------------- IDX

    private static final int[] TRAIN_Y = {0, 1, 2, 0, 1, 2};
    private static final int[] TEST_Y = {2, 0};

    /** A valid IDX set with the usual file names: 6 training and 2 test images of 4x4, classes 0..2. */
    private static Path idxSet(Path dir) throws IOException {
        Path d = dir.resolve("idx");
        TestFiles.writeIdxPair(d.resolve("train-images-idx3-ubyte"), d.resolve("train-labels-idx1-ubyte"), TRAIN_Y, 4, 4, false);
        TestFiles.writeIdxPair(d.resolve("t10k-images-idx3-ubyte"), d.resolve("t10k-labels-idx1-ubyte"), TEST_Y, 4, 4, false);
        return d;
    }

    private static Run idx(Path d, String... more) {
        return run(d.resolve("train-images-idx3-ubyte"), "--dataset", "idx", "--data-dir", d.toString(), more);
    }

    private static Run fashion(Path d, String... more) {
        return run(d.resolve("train-images-idx3-ubyte"), "--dataset", "fashion-mnist", "--data-dir", d.toString(), more);
    }

    /** Replaces one file of the IDX set and runs idx naming it. */
    private static Case idxCase(String name, String file, byte[] content, String... says) {
        return new Case("idx: " + name, d -> {
            Path set = idxSet(d);
            TestFiles.write(set.resolve(file), content, false);
            return idx(set).naming(set.resolve(file));
        }, says);
    }

    private static List<Case> idxCases() {
        byte[] images = TestFiles.idx(new int[] {6, 4, 4}, TestFiles.imagePixels(6, 4, 4));
        String trainImages = "train-images-idx3-ubyte";
        String trainLabels = "train-labels-idx1-ubyte";
        return List.of(
                idxCase("empty image file", trainImages, new byte[0], "is empty"),
                idxCase("images cut short", trainImages, Arrays.copyOf(images, images.length - 5), "truncated"),
                idxCase("header cut short", trainImages, Arrays.copyOf(images, 9), "truncated"),
                idxCase("text instead of IDX", trainImages, "hello, world\n".getBytes(StandardCharsets.UTF_8), "not an IDX file"),
                idxCase("float data type", trainImages, withType(images, 0x0d), "float", "unsigned bytes"),
                idxCase("labels with 3 dimensions", trainLabels, TestFiles.idx(new int[] {6, 1, 1}, new byte[6]),
                        "has 3 dimensions, expected 1"),
                idxCase("huge declared image count", trainImages, TestFiles.idx(new int[] {Integer.MAX_VALUE, 4, 4}, new byte[16]),
                        "truncated"),
                idxCase("declared sizes overflowing 64 bits", trainImages,
                        TestFiles.idx(new int[] {1 << 30, 1 << 30, 16}, new byte[0]), "truncated"),
                idxCase("negative size", trainImages, TestFiles.idx(new int[] {-1, 4, 4}, new byte[0]), "negative size"),
                idxCase("more labels than images", trainLabels, TestFiles.idx(new int[] {7}, new byte[7]), "holds 7 labels"),
                idxCase("bytes beyond the header's size", trainImages, Arrays.copyOf(images, images.length + 3), "3 bytes beyond"),
                idxCase("corrupt gzip", trainImages, Arrays.copyOf(gzip(images), 20), "gzip"),
                idxCase("a gap in the labels", trainLabels, TestFiles.idx(new int[] {6}, TestFiles.bytes(0, 1, 3, 0, 1, 3)),
                        "label 2", "--classes"),
                idxCase("a test label beyond the training classes", "t10k-labels-idx1-ubyte",
                        TestFiles.idx(new int[] {2}, TestFiles.bytes(2, 5)), "label 5 of item 1"),
                new Case("idx: test images of another size", d -> {
                    Path set = idxSet(d);
                    TestFiles.writeIdxPair(set.resolve("train-images-idx3-ubyte"), set.resolve("train-labels-idx1-ubyte"),
                            TRAIN_Y, 28, 28, false);
                    TestFiles.writeIdxPair(set.resolve("t10k-images-idx3-ubyte"), set.resolve("t10k-labels-idx1-ubyte"),
                            TEST_Y, 32, 32, false);
                    return idx(set).naming(set.resolve("t10k-images-idx3-ubyte"));
                }, "32x32", "28x28", "train-images-idx3-ubyte"),
                new Case("idx: a label at or beyond --classes", d -> {
                    Path set = idxSet(d);
                    return idx(set, "--classes", "2").naming(set.resolve("train-labels-idx1-ubyte"));
                }, "label 2 of item 2"),
                new Case("fashion-mnist: label 10", d -> {
                    Path set = idxSet(d);
                    TestFiles.write(set.resolve("t10k-labels-idx1-ubyte"), TestFiles.idx(new int[] {2}, TestFiles.bytes(3, 10)), false);
                    return fashion(set).naming(set.resolve("t10k-labels-idx1-ubyte"));
                }, "label 10 of item 1", "10 classes"),
                new Case("fashion-mnist: --classes other than 10", d -> fashion(idxSet(d), "--classes", "12").naming("--classes"),
                        "10 classes"));
    }

    private static byte[] withType(byte[] idx, int type) {
        byte[] copy = idx.clone();
        copy[2] = (byte) type;
        return copy;
    }

    // ---------------------------------------------------------------- CIFAR

    /** A valid CIFAR-10 directory: one record per training batch (labels 0..4), two test records. */
    private static Path cifar10Set(Path dir) throws IOException {
        Path d = dir.resolve("cifar10");
        for (int b = 1; b <= 5; b++) {
            TestFiles.write(d.resolve("data_batch_" + b + ".bin"), TestFiles.cifarRecords(new int[][] {{b - 1}, {b + 4}}), false);
        }
        TestFiles.write(d.resolve("test_batch.bin"), TestFiles.cifarRecords(new int[][] {{3}, {9}}), false);
        return d;
    }

    private static Path cifar100Set(Path dir) throws IOException {
        Path d = dir.resolve("cifar100");
        TestFiles.write(d.resolve("train.bin"), TestFiles.cifarRecords(new int[][] {{0, 5}, {19, 99}}), false);
        TestFiles.write(d.resolve("test.bin"), TestFiles.cifarRecords(new int[][] {{7, 40}}), false);
        return d;
    }

    private static Run cifar10(Path d) {
        return run(d, "--dataset", "cifar10", "--data-dir", d.toString());
    }

    private static Run cifar100(Path d, String kind) {
        return run(d, "--dataset", "cifar100", "--data-dir", d.toString(), "--label-kind", kind);
    }

    private static Case cifar10Case(String name, String file, byte[] content, String... says) {
        return new Case("cifar10: " + name, d -> {
            Path set = cifar10Set(d);
            TestFiles.write(set.resolve(file), content, false);
            return cifar10(set).naming(set.resolve(file));
        }, says);
    }

    private static Case cifar100Case(String name, String kind, byte[] test, String... says) {
        return new Case("cifar100: " + name, d -> {
            Path set = cifar100Set(d);
            TestFiles.write(set.resolve("test.bin"), test, false);
            return cifar100(set, kind).naming(set.resolve("test.bin"));
        }, says);
    }

    private static List<Case> cifarCases() {
        byte[] two = TestFiles.cifarRecords(new int[][] {{1}, {2}});
        return List.of(
                cifar10Case("empty batch", "data_batch_3.bin", new byte[0], "is empty"),
                cifar10Case("batch cut short", "data_batch_3.bin", Arrays.copyOf(two, two.length - 1),
                        "not a multiple of the 3073-byte record"),
                cifar10Case("label byte 10", "data_batch_2.bin", TestFiles.cifarRecords(new int[][] {{1}, {10}}),
                        "label 10 of record 1", "10 classes"),
                cifar10Case("label byte 255 in the test batch", "test_batch.bin", TestFiles.cifarRecords(new int[][] {{255}}),
                        "label 255 of record 0"),
                new Case("cifar10: missing batch", d -> {
                    Path set = cifar10Set(d);
                    Files.delete(set.resolve("data_batch_4.bin"));
                    return cifar10(set).naming(set.resolve("data_batch_4.bin"));
                }, "no such file"),
                cifar100Case("fine label 100", "fine", TestFiles.cifarRecords(new int[][] {{3, 100}}), "label 100 of record 0",
                        "100 classes"),
                cifar100Case("coarse label 20", "coarse", TestFiles.cifarRecords(new int[][] {{3, 4}, {20, 4}}),
                        "label 20 of record 1", "20 classes"),
                cifar100Case("a CIFAR-10 file", "fine", TestFiles.cifarRecords(new int[][] {{1}, {2}, {3}}), "3074-byte record"),
                cifar100Case("empty test file", "fine", new byte[0], "is empty"));
    }

    // ---------------------------------------------------------------- CSV

    private static final String CSV = "a,b,y\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n9,10,0\n11,12,1\n";

    private static Path csvFile(Path dir, String content) throws IOException {
        return csvFile(dir, "train.csv", content.getBytes(StandardCharsets.UTF_8));
    }

    private static Path csvFile(Path dir, String name, byte[] content) throws IOException {
        return TestFiles.write(dir.resolve("csv").resolve(name), content, false);
    }

    private static Run csv(Path file, String... more) {
        return run(file, "--dataset", "csv", "--train-file", file.toString(), more);
    }

    private static Case csvCase(String name, String content, String... says) {
        return csvCase(name, content.getBytes(StandardCharsets.UTF_8), says);
    }

    /** The file as training and test file (so that no split gets in the way of the fault). */
    private static Case csvCase(String name, byte[] content, String... says) {
        return new Case("csv: " + name, d -> {
            Path file = csvFile(d, "train.csv", content);
            return csv(file, "--test-file", file.toString());
        }, says);
    }

    private static List<Case> csvCases() {
        byte[] latin1 = "a,b,y\n1,2,0\ncaf\u00e9,4,1\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] utf16 = ("\ufeff" + CSV).getBytes(StandardCharsets.UTF_16LE);
        byte[] binary = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, (byte) 0xff, (byte) 0xfe};
        return List.of(
                csvCase("empty file", "", "is empty"),
                csvCase("only blank lines", "\n \n\n", "is empty"),
                csvCase("header only", "a,b,y\n", "no data rows"),
                csvCase("Latin-1 bytes", latin1, "line 3 is not valid UTF-8; save the file as UTF-8"),
                csvCase("UTF-16", utf16, "UTF-16", "save the file as UTF-8"),
                csvCase("binary data", binary, "line 1 is not valid UTF-8"),
                csvCase("a ragged row", "a,b,y\n1,2,0\n3,1\n", "line 3 has 2 fields, the header has 3"),
                csvCase("text in a numeric column", "a,b,y\n1,2,0\n3,abc,1\n", "line 3, column 'b': 'abc' is not a number"),
                csvCase("an empty value", "a,b,y\n1,,0\n3,4,1\n", "line 2, column 'b'"),
                csvCase("an empty label", "a,b,y\n1,2,0\n3,4,\n5,6,1\n", "line 3", "label is empty"),
                csvCase("an unterminated quote", "a,b,y\n1,\"2,0\n", "line 2: unterminated quoted field"),
                csvCase("a gap in integer labels", "a,b,y\n1,2,0\n3,4,2\n5,6,0\n7,8,2\n", "label 1", "--classes"),
                csvCase("decimal commas in a semicolon file", "a;b;y\n1,5;2;0\n3;4;1\n", "'1,5' is not a number", "decimal"),
                new Case("csv: a label at or beyond --classes", d -> csv(csvFile(d, CSV), "--classes", "1"), "line ", "label '1'",
                        "--classes is 1"),
                csvCase("only a label column", "a;b;y\n1;2;0\n3;4;1\n".replace(';', '|'), "no feature columns", "--delimiter"),
                new Case("csv: unknown label column", d -> csv(csvFile(d, CSV), "--label-column", "target"), "no column 'target'"),
                new Case("csv: test header differs", d -> {
                    Path train = csvFile(d, CSV);
                    Path test = csvFile(d, "test.csv", "a,c,y\n1,2,0\n".getBytes(StandardCharsets.UTF_8));
                    return csv(train, "--test-file", test.toString()).naming(test);
                }, "differs from the training file's"),
                new Case("csv: a test label unknown to training", d -> {
                    Path train = csvFile(d, CSV);
                    Path test = csvFile(d, "test.csv", "a,b,y\n1,2,7\n".getBytes(StandardCharsets.UTF_8));
                    return csv(train, "--test-file", test.toString()).naming(test);
                }, "line 2", "label '7'"),
                new Case("csv: a delimiter of two characters", d -> csv(csvFile(d, CSV), "--delimiter", "ab").naming("--delimiter"),
                        "'ab'"),
                new Case("csv: --classes 0", d -> csv(csvFile(d, CSV), "--classes", "0").naming("--classes"), "got 0"),
                new Case("csv: missing file", d -> csv(d.resolve("absent.csv")), "no such file"));
    }

    // ---------------------------------------------------------------- ARFF

    /** A valid ARFF file: lines 1-6 the header, 7-10 the rows. */
    private static final String ARFF = "@relation r\n"
            + "@attribute a numeric\n"
            + "@attribute 'b c' {x, y}\n"
            + "@attribute class {p, q}\n"
            + "% rows\n"
            + "@data\n"
            + "1, x, p  % a comment\n"
            + "2, ?, q\n"
            + "3, y, p\n"
            + "{0 4, 2 q}\n";

    private static final String ARFF_HEADER = ARFF.substring(0, ARFF.indexOf("@data"));

    private static Path arffFile(Path dir, String name, String content) throws IOException {
        return arffFile(dir, name, content.getBytes(StandardCharsets.UTF_8));
    }

    private static Path arffFile(Path dir, String name, byte[] content) throws IOException {
        return TestFiles.write(dir.resolve("arff").resolve(name), content, false);
    }

    private static Run arff(Path file, String... more) {
        return run(file, "--dataset", "arff", "--train-file", file.toString(), more);
    }

    private static Case arffCase(String name, String content, String... says) {
        return arffCase(name, content.getBytes(StandardCharsets.UTF_8), says);
    }

    /** The file as training and test file (so that no split gets in the way of the fault). */
    private static Case arffCase(String name, byte[] content, String... says) {
        return new Case("arff: " + name, d -> {
            Path file = arffFile(d, "train.arff", content);
            return arff(file, "--test-file", file.toString());
        }, says);
    }

    /** A valid training file and the given test file, which the error must name. */
    private static Case arffTestCase(String name, String test, String... says) {
        return new Case("arff: " + name, d -> {
            Path train = arffFile(d, "train.arff", ARFF);
            Path file = arffFile(d, "test.arff", test);
            return arff(train, "--test-file", file.toString()).naming(file);
        }, says);
    }

    private static List<Case> arffCases() {
        String data = ARFF.substring(ARFF.indexOf("@data"));
        return List.of(
                arffCase("empty file", "", "is empty"),
                arffCase("only comments", "% nothing\n\n%\n", "has no @relation line"),
                arffCase("no @relation", ARFF.replace("@relation r\n", ""), "line 1: @attribute before @relation"),
                arffCase("@relation without a name", ARFF.replace("@relation r", "@relation"), "line 1: @relation needs a name"),
                arffCase("a misspelt keyword", ARFF.replace("@attribute a", "@atribute a"), "line 2: unknown keyword '@atribute'"),
                arffCase("a text line in the header", ARFF.replace("% rows", "rows"), "line 5: expected @relation, @attribute or @data"),
                arffCase("an attribute without a type", ARFF.replace("a numeric", "a"), "line 2: attribute 'a' has no type"),
                arffCase("an unknown type", ARFF.replace("a numeric", "a float"), "line 2: attribute 'a' has the unknown type float"),
                arffCase("a string attribute", ARFF.replace("a numeric", "a string"), "line 2: attribute 'a' is a string attribute"),
                arffCase("a date attribute", ARFF.replace("a numeric", "a date \"yyyy-MM-dd\""),
                        "line 2: attribute 'a' is a date attribute"),
                arffCase("a relational attribute", ARFF.replace("a numeric", "a relational"), "line 2: attribute 'a' is a relational"),
                arffCase("a value list not closed", ARFF.replace("{x, y}", "{x, y"), "line 3: attribute 'b c': the list of values is not "
                        + "closed with '}'"),
                arffCase("an empty value list", ARFF.replace("{x, y}", "{}"), "line 3: attribute 'b c' declares no values"),
                arffCase("a value declared twice", ARFF.replace("{x, y}", "{x, y, 'x'}"), "line 3: attribute 'b c' declares the value 'x' "
                        + "twice"),
                arffCase("an attribute declared twice", ARFF.replace("'b c'", "a"), "line 3: attribute 'a' is declared twice (first on "
                        + "line 2)"),
                arffCase("a quote not closed in the header", ARFF.replace("'b c'", "'b c"), "line 3: a quote (') is not closed"),
                arffCase("no @data", ARFF_HEADER, "ends at line 5 without an @data line"),
                arffCase("@data before any attribute", "@relation r\n" + data, "line 2: @data before any @attribute"),
                arffCase("no rows after @data", ARFF_HEADER + "@data\n% none\n", "line 6: no data rows after @data"),
                arffCase("an @attribute after @data", ARFF + "@attribute d numeric\n", "line 11: '@attribute' after @data"),
                arffCase("a numeric class", ARFF.replace("class {p, q}", "class integer"), "line 4: the class attribute 'class' is numeric",
                        "--label-column"),
                arffCase("only the class", "@relation r\n@attribute class {p, q}\n@data\np\n",
                        "line 3: no attribute is declared besides the class 'class'"),
                arffCase("a row with too few values", ARFF.replace("3, y, p", "3, p"),
                        "line 9 has 2 values, the header declares 3 attributes"),
                arffCase("an empty value between commas", ARFF.replace("3, y, p", "3,,p"), "line 9 has 2 values",
                        "write ? for a missing value"),
                arffCase("text in a numeric attribute", ARFF.replace("3, y, p", "three, y, p"),
                        "line 9: attribute 'a': 'three' is not a number"),
                arffCase("a decimal comma", ARFF.replace("3, y, p", "'3,5', y, p"), "line 9: attribute 'a': '3,5' is not a number",
                        "write 3.5"),
                arffCase("a missing numeric value", ARFF.replace("3, y, p", "?, y, p"),
                        "line 9: attribute 'a': the value is missing ('?')"),
                arffCase("a missing class", ARFF.replace("3, y, p", "3, y, ?"), "line 9: attribute 'class': the class is missing"),
                arffCase("a class not declared", ARFF.replace("3, y, p", "3, y, r"), "line 9: class 'r' is not declared in the header",
                        "{p, q}"),
                arffCase("a nominal value not declared", ARFF.replace("3, y, p", "3, z, p"),
                        "line 9: attribute 'b c': value 'z' is not declared in the header (it declares {x, y})"),
                arffCase("a quote not closed in a row", ARFF.replace("3, y, p", "3, 'y, p"), "line 9: a quote (') is not closed"),
                arffCase("a sparse index out of range", ARFF.replace("{0 4, 2 q}", "{0 4, 3 q}"),
                        "line 10: sparse index 3 is out of range"),
                arffCase("sparse indices out of order", ARFF.replace("{0 4, 2 q}", "{2 q, 0 4}"),
                        "line 10: sparse index 0 comes after 2"),
                arffCase("a sparse row not closed", ARFF.replace("{0 4, 2 q}", "{0 4, 2 q"), "line 10: the sparse row is not closed"),
                arffCase("a sparse index without a value", ARFF.replace("{0 4, 2 q}", "{0 4, 2}"), "line 10: sparse index 2 has no value"),
                arffCase("instance weights", ARFF.replace("3, y, p", "3, y, p, {0.5}"), "line 9: instance weights"),
                arffCase("Latin-1 bytes", ARFF.replace("{x, y}", "{x, y, caf\u00e9}").getBytes(StandardCharsets.ISO_8859_1),
                        "line 3 is not valid UTF-8; save the file as UTF-8"),
                arffCase("gzip'd", gzip(ARFF.getBytes(StandardCharsets.UTF_8)), "is gzip-compressed"),
                arffTestCase("a test file declaring other values", ARFF.replace("{x, y}", "{y, x}"),
                        "line 3: attribute 'b c' is nominal {y, x}, in the training file", "{x, y}"),
                arffTestCase("a test file declaring another attribute", ARFF.replace("a numeric", "d numeric").replace("{0 4", "{0 5"),
                        "line 2: attribute 1 is 'd', in the training file"),
                arffTestCase("a test file with a class not declared", ARFF.replace("2, ?, q", "2, ?, s"),
                        "line 8: class 's' is not declared"),
                new Case("arff: unknown class attribute", d -> arff(arffFile(d, "train.arff", ARFF), "--label-column", "target"),
                        "no attribute 'target'"),
                new Case("arff: --classes other than the declared", d -> arff(arffFile(d, "train.arff", ARFF), "--classes", "3",
                        "--test-fraction", "0.5"),
                        "declares 2 classes", "--classes cannot be 3"),
                new Case("arff: --delimiter", d -> arff(arffFile(d, "train.arff", ARFF), "--delimiter", ";").naming("--delimiter"),
                        "ARFF"),
                new Case("arff: missing file", d -> arff(d.resolve("absent.arff")), "no such file"));
    }

    // ---------------------------------------------------------------- image list

    /** Images a.png, b.png (2x2) under d/img; train.txt lists them as classes 0 and 1, test.txt one. */
    private static Path imageListSet(Path dir) throws IOException {
        Path d = dir.resolve("list");
        TestFiles.png(d.resolve("img/a.png"), 2, 2, 0xff0000);
        TestFiles.png(d.resolve("img/b.png"), 2, 2, 0x00ff00);
        Files.writeString(d.resolve("train.txt"), "img/a.png 0\nimg/b.png 1\nimg/a.png 1\n");
        Files.writeString(d.resolve("test.txt"), "img/b.png 1\n");
        return d;
    }

    private static Run imageList(Path d, String... more) {
        List<String> args = new ArrayList<>(List.of("--train-file", "train.txt", "--test-file", "test.txt", "--image-size", "4"));
        args.addAll(List.of(more));
        return run(d.resolve("train.txt"), "--dataset", "imagelist", "--data-dir", d.toString(), args.toArray(String[]::new));
    }

    private static Case listCase(String name, String train, String... says) {
        return listCase(name, train.getBytes(StandardCharsets.UTF_8), says);
    }

    private static Case listCase(String name, byte[] train, String... says) {
        return new Case("imagelist: " + name, d -> {
            Path set = imageListSet(d);
            Files.write(set.resolve("train.txt"), train);
            return imageList(set);
        }, says);
    }

    /** Writes a bad image as img/bad.png, lists it for training and expects it named. */
    private static Case badImageCase(String name, byte[] image, String... says) {
        return new Case("imagelist: " + name, d -> {
            Path set = imageListSet(d);
            Files.write(set.resolve("img/bad.png"), image);
            Files.writeString(set.resolve("train.txt"), "img/a.png 0\nimg/bad.png 1\n");
            return imageList(set).naming(set.resolve("img/bad.png"));
        }, says);
    }

    private static List<Case> imageListCases() {
        byte[] png = smallPng();
        return List.of(
                listCase("empty list", "", "lists no images"),
                listCase("a line without a label", "img/a.png 0\nimg/b.png\n", "line 2: expected 'relative/path label'"),
                listCase("a label that is not an integer", "img/a.png 0\nimg/b.png cat\n", "line 2: label 'cat' is not an integer"),
                listCase("a negative label", "img/a.png 0\nimg/b.png -1\n", "line 2: label -1 is negative"),
                listCase("a gap in the labels", "img/a.png 0\nimg/b.png 2\n", "label 1", "--classes"),
                listCase("a huge label", "img/a.png 0\nimg/b.png 2147483647\n", "label 2147483647", "1000000"),
                listCase("labels from 1", "img/a.png 1\nimg/b.png 2\n", "no sample has label 0", "--classes"),
                listCase("Latin-1 bytes", "img/a.png 0\nimg/\u00e9t\u00e9.png 1\n".getBytes(StandardCharsets.ISO_8859_1),
                        "line 2 is not valid UTF-8; save the file as UTF-8"),
                new Case("imagelist: a label at or beyond --classes", d -> imageList(imageListSet(d), "--classes", "1"),
                        "line 2: label 1 is out of range"),
                new Case("imagelist: a test label beyond the training classes", d -> {
                    Path set = imageListSet(d);
                    Files.writeString(set.resolve("test.txt"), "img/b.png 5\n");
                    return imageList(set).naming(set.resolve("test.txt"));
                }, "line 1: label 5 is out of range"),
                new Case("imagelist: a missing image", d -> {
                    Path set = imageListSet(d);
                    Files.writeString(set.resolve("train.txt"), "img/a.png 0\nimg/absent.png 1\n");
                    return imageList(set).naming(set.resolve("img/absent.png"));
                }, "no such file"),
                badImageCase("text instead of an image", "not an image\n".getBytes(StandardCharsets.UTF_8), "cannot decode image"),
                badImageCase("an empty image file", new byte[0], "is empty"),
                badImageCase("a PNG cut short", Arrays.copyOf(png, png.length / 2), "cannot decode image"),
                badImageCase("a PNG declaring 100000x100000 pixels", hugePng(100_000, 100_000), "100000x100000"));
    }

    /** A valid 3x3 PNG, in memory. */
    private static byte[] smallPng() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(new BufferedImage(3, 3, BufferedImage.TYPE_INT_RGB), "png", bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PNG whose header declares width x height RGB pixels, followed by one tiny IDAT and IEND. */
    private static byte[] hugePng(int width, int height) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
            ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
            DataOutputStream header = new DataOutputStream(ihdr);
            header.writeInt(width);
            header.writeInt(height);
            header.write(new byte[] {8, 2, 0, 0, 0});
            chunk(out, "IHDR", ihdr.toByteArray());
            chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x63, 0, 0, 0, 1, 0, 1});
            chunk(out, "IEND", new byte[0]);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        out.writeInt(data.length);
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.write(name);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }

    // ---------------------------------------------------------------- image folder

    /** tree/train/{ant,bee}/1.png and tree/test/ant/2.png, 2x2 each. */
    private static Path imageFolderSet(Path dir) throws IOException {
        Path d = dir.resolve("tree");
        TestFiles.png(d.resolve("train/ant/1.png"), 2, 2, 0x101010);
        TestFiles.png(d.resolve("train/bee/1.png"), 2, 2, 0x202020);
        TestFiles.png(d.resolve("test/ant/2.png"), 2, 2, 0x303030);
        Files.createDirectories(d.resolve("test/bee")); // an empty test class is fine
        return d;
    }

    private static Run imageFolder(Path d) {
        return run(d, "--dataset", "imagefolder", "--data-dir", d.toString(), "--image-size", "4");
    }

    private static List<Case> imageFolderCases() {
        return List.of(
                new Case("imagefolder: an empty training class", d -> {
                    Path set = imageFolderSet(d);
                    Files.createDirectories(set.resolve("train/cat"));
                    Files.writeString(set.resolve("train/cat/.hidden"), "not an image");
                    return imageFolder(set).naming(set.resolve("train/cat"));
                }, "no images"),
                new Case("imagefolder: no class folders", d -> {
                    Path set = imageFolderSet(d);
                    Path train = set.resolve("train");
                    try (Stream<Path> walk = Files.walk(train)) {
                        walk.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(train)).forEach(MalformedDataTest::delete);
                    }
                    return imageFolder(set).naming(train);
                }, "no class sub-folders"),
                new Case("imagefolder: no test folder", d -> {
                    Path set = imageFolderSet(d);
                    Files.move(set.resolve("test"), d.resolve("elsewhere"));
                    return imageFolder(set);
                }, "no test/ or val/ folder"),
                new Case("imagefolder: no train folder", d -> {
                    Path set = imageFolderSet(d);
                    Files.move(set.resolve("train"), d.resolve("elsewhere"));
                    return imageFolder(set).naming(set.resolve("train"));
                }, "no such directory"),
                new Case("imagefolder: an undecodable training image", d -> {
                    Path set = imageFolderSet(d);
                    Files.writeString(set.resolve("train/bee/2.png"), "text");
                    return imageFolder(set).naming(set.resolve("train/bee/2.png"));
                }, "cannot decode image"),
                new Case("imagefolder: a test class unknown to training", d -> {
                    Path set = imageFolderSet(d);
                    TestFiles.png(set.resolve("test/cat/3.png"), 2, 2, 0);
                    return imageFolder(set).naming(set.resolve("test/cat"));
                }, "not present in the training split"));
    }

    private static void delete(Path p) {
        try {
            Files.delete(p);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Arguments {@code args} then {@code more}, naming {@code named} (a file, or the data set's directory). */
    private static Run run(Path named, String a, String b, String c, String d, String... more) {
        List<String> args = new ArrayList<>(List.of(a, b, c, d));
        args.addAll(List.of(more));
        return new Run(args, named.toString());
    }

    private static byte[] gzip(byte[] content) {
        try {
            return TestFiles.gzip(content);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
