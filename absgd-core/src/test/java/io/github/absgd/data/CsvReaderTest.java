package io.github.absgd.data;

import static io.github.absgd.data.IdxReaderTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }
}
