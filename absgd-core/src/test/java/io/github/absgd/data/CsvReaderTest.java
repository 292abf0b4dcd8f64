package io.github.absgd.data;

import static io.github.absgd.data.DataLoaderTest.options;
import static io.github.absgd.data.IdxReaderTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.absgd.util.InvalidSettingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {

    @TempDir Path dir;

    @Test
    void encodesNumericAndCategoricalColumnsWithTheTrainingCategories() throws Exception {
        Path train = write("train.csv", "amount,country,churn,age\n1.5,fr,1,30\n2,de,0,40\n\n-3e1,fr,0,50\n");
        Path test = write("test.csv", "amount,country,churn,age\n4,it,1,20\n5,de,0,10\n");
        DataSplit split = CsvReader.read(train, test, "churn", Set.of("country"), 0.2, 0);
        LabeledData tr = split.train();
        // features: amount, country=de, country=fr, age
        assertArrayEquals(new int[] {4}, tr.sampleShape());
        assertArrayEquals(new float[] {1.5f, 0, 1, 30, 2, 1, 0, 40, -30, 0, 1, 50}, tr.features());
        assertArrayEquals(new int[] {1, 0, 0}, tr.labels());
        assertEquals(2, tr.numClasses());
        // an unseen category ("it") encodes as all zeros
        assertArrayEquals(new float[] {4, 0, 0, 20, 5, 1, 0, 10}, split.test().features());
        assertArrayEquals(new int[] {1, 0}, split.test().labels());
    }

    @Test
    void labelColumnByIndexOrLastAndNonIntegerLabelsSorted() throws Exception {
        Path train = write("t.csv", "y,x\nyes,1\nno,2\nmaybe,3\n\"no\",4\n");
        LabeledData byIndex = CsvReader.read(train, train, "0", Set.of(), 0.2, 0).train();
        assertArrayEquals(new int[] {2, 1, 0, 1}, byIndex.labels());
        assertEquals(List.of("maybe", "no", "yes"), byIndex.classNames());
        Path last = write("last.csv", "x,label\n1,2.5\n2,-1\n3,10\n");
        LabeledData numeric = CsvReader.read(last, last, null, Set.of(), 0.2, 0).train();
        assertArrayEquals(new int[] {1, 0, 2}, numeric.labels()); // numeric order: -1 < 2.5 < 10
    }

    @Test
    void seededSplitIsStratifiedAndRepeatable() throws Exception {
        StringBuilder csv = new StringBuilder("x,y\n");
        for (int i = 0; i < 100; i++) {
            csv.append(i).append(',').append(i < 80 ? 0 : 1).append('\n');
        }
        Path file = write("all.csv", csv.toString());
        DataSplit a = CsvReader.read(file, null, null, Set.of(), 0.25, 7);
        DataSplit b = CsvReader.read(file, null, null, Set.of(), 0.25, 7);
        assertArrayEquals(new int[] {60, 15}, a.train().trueClassCounts());
        assertArrayEquals(new int[] {20, 5}, a.test().trueClassCounts());
        assertArrayEquals(a.test().features(), b.test().features());
        DataSplit c = CsvReader.read(file, null, null, Set.of(), 0.25, 8);
        assertEquals(false, java.util.Arrays.equals(a.test().features(), c.test().features()));
    }

    @Test
    void raggedRowNamesTheLine() throws Exception {
        Path file = write("ragged.csv", "a,b,y\n1,2,0\n\n3,1\n");
        assertMessage(assertThrows(BadDataException.class, () -> CsvReader.read(file, null, null, Set.of(), 0.2, 0)),
                file, "line 4 has 2 fields, the header has 3");
    }

    @Test
    void nonNumericValueNamesLineAndColumn() throws Exception {
        Path file = write("text.csv", "a,b,y\n1,2,0\n3,abc,1\n");
        assertMessage(assertThrows(BadDataException.class, () -> CsvReader.read(file, file, null, Set.of(), 0.2, 0)),
                file, "line 3, column 'b': 'abc' is not a number");
        Path empty = write("empty.csv", "a,b,y\n1,,0\n");
        assertMessage(assertThrows(BadDataException.class, () -> CsvReader.read(empty, empty, null, Set.of(), 0.2, 0)),
                empty, "line 2, column 'b'");
    }

    @Test
    void testLabelUnknownToTrainingIsRejected() throws Exception {
        Path train = write("train.csv", "x,y\n1,cat\n2,dog\n");
        Path test = write("test.csv", "x,y\n1,cow\n");
        assertMessage(assertThrows(BadDataException.class, () -> CsvReader.read(train, test, null, Set.of(), 0.2, 0)),
                test, "line 2, column 'y': label 'cow' is out of range");
    }

    @Test
    void unknownColumnAndMissingFileAreNamed() throws Exception {
        Path file = write("f.csv", "a,y\n1,0\n");
        assertMessage(assertThrows(BadDataException.class, () -> CsvReader.read(file, file, "label", Set.of(), 0.2, 0)),
                file, "no column 'label'");
        Path missing = dir.resolve("missing.csv");
        assertMessage(assertThrows(BadDataException.class, () -> CsvReader.read(missing, null, null, Set.of(), 0.2, 0)),
                missing, "no such file");
    }

    @Test
    void aByteOrderMarkIsStripped() throws Exception {
        Path file = dir.resolve("bom.csv");
        Files.write(file, concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, "label,x\n1,5\n0,6\n1,7\n"));
        TrainTestData data = DataLoader.load(options("--dataset", "csv", "--train-file", file.toString(), "--test-file",
                file.toString(), "--label-column", "label"));
        assertArrayEquals(new int[] {1, 0, 1}, data.train().labels());
        assertArrayEquals(new float[] {5, 6, 7}, data.train().features());
    }

    @Test
    void theSeparatorIsDetectedFromTheHeaderOrGiven() throws Exception {
        LabeledData comma = load(write("comma.csv", "a,b,y\n1.5,2,0\n3,4,1\n"));
        for (String text : new String[] {"a;b;y\n1.5;2;0\n3;4;1\n", "a\tb\ty\n1.5\t2\t0\n3\t4\t1\n",
            "\"a,1\";b;y\n1.5;2;0\n3;4;1\n"}) {
            LabeledData other = load(write("other.csv", text));
            assertArrayEquals(comma.features(), other.features(), text);
            assertArrayEquals(comma.labels(), other.labels(), text);
        }
        // a header with as many semicolons as commas is split at the commas
        LabeledData tie = load(write("tie.csv", "a;x,b;y,c\n1,2,0\n3,4,1\n"));
        assertArrayEquals(new float[] {1, 2, 3, 4}, tie.features());
        // a given delimiter wins over the header's
        Path semicolons = write("given.csv", "a,b;c,y\n1;0\n2;1\n");
        assertArrayEquals(new float[] {1, 2}, loadWith(semicolons, "--delimiter", ";").features());
        Path tabs = write("tabs.csv", "a,b\tc\n1\t0\n2\t1\n");
        assertArrayEquals(new float[] {1, 2}, loadWith(tabs, "--delimiter", "tab").features());
        assertArrayEquals(new float[] {1, 2}, loadWith(tabs, "--delimiter", "\t").features());
        InvalidSettingException bad = assertThrows(InvalidSettingException.class, () -> DataLoader.load(options("--dataset", "csv",
                "--train-file", tabs.toString(), "--delimiter", "ab")));
        assertEquals("delimiter", bad.setting());
    }

    @Test
    void aFileThatIsNotUtf8NamesTheLine() throws Exception {
        Path file = dir.resolve("latin1.csv");
        Files.write(file, "a,b,y\n1,2,0\n\n3,4,1\n5,6,0\n7,8,1\ncaf\u00e9,4,1\n".getBytes(StandardCharsets.ISO_8859_1));
        assertMessage(assertThrows(BadDataException.class, () -> CsvReader.read(file, null, null, Set.of(), 0.2, 0)), file,
                "line 7 is not valid UTF-8; save the file as UTF-8");
        Path crlf = dir.resolve("crlf.csv");
        Files.write(crlf, "a,b,y\r\n1,2,0\r\n\u00ff,3,1\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertMessage(assertThrows(BadDataException.class, () -> CsvReader.read(crlf, null, null, Set.of(), 0.2, 0)), crlf,
                "line 3 is not valid UTF-8");
    }

    @Test
    void gapsInIntegerLabelsAreRefusedUnlessClassesIsGiven() throws Exception {
        Path file = write("gap.csv", "x,y\n1,0\n2,3\n3,0\n4,3\n5,1\n");
        assertMessage(assertThrows(BadDataException.class, () -> load(file)), file, "no row has label 2");
        LabeledData four = loadWith(file, "--classes", "4");
        assertEquals(4, four.numClasses());
        assertArrayEquals(new int[] {2, 1, 0, 2}, four.trueClassCounts());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5}, four.features());
        BadDataException small = assertThrows(BadDataException.class, () -> loadWith(file, "--classes", "3"));
        assertMessage(small, file, "line 3, column 'y': label '3' is out of range");

        // no gap in the file, but the split holds out the only row of label 1
        StringBuilder rows = new StringBuilder("x,y\n1,1\n");
        for (int i = 0; i < 20; i++) {
            rows.append(i).append(',').append(i % 2 == 0 ? 0 : 2).append('\n');
        }
        Path split = write("split.csv", rows.toString());
        assertMessage(assertThrows(BadDataException.class, () -> CsvReader.read(split, null, null, Set.of(), 0.9, 0)), split,
                "no training row has label 1");
    }

    @Test
    void anEmptyLabelIsRefused() throws Exception {
        Path file = write("empty-label.csv", "x,y\n1,cat\n2,\n3,dog\n");
        assertMessage(assertThrows(BadDataException.class, () -> load(file)), file, "line 3, column 'y': the label is empty");
    }

    private static LabeledData load(Path file) throws Exception {
        return loadWith(file);
    }

    private static LabeledData loadWith(Path file, String... more) throws Exception {
        String[] args = {"--dataset", "csv", "--train-file", file.toString(), "--test-file", file.toString()};
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return DataLoader.load(options(all)).train();
    }

    private static byte[] concat(byte[] head, String tail) {
        byte[] rest = tail.getBytes(StandardCharsets.UTF_8);
        byte[] out = java.util.Arrays.copyOf(head, head.length + rest.length);
        System.arraycopy(rest, 0, out, head.length, rest.length);
        return out;
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }
}
