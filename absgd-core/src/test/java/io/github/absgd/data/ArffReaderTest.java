package io.github.absgd.data;

import static io.github.absgd.data.DataLoaderTest.options;
import static io.github.absgd.data.IdxReaderTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.absgd.util.InvalidSettingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArffReaderTest {

    @TempDir Path dir;

    /**
     * Numeric and nominal attributes, quoted names and values (both quotes, an escaped quote, a blank
     * inside), comments on their own line and after a value, keywords and types in any case, blank lines,
     * a missing nominal value, a value that is not ASCII (read as UTF-8); the class is declared in an order
     * that is not sorted, and declares a class no row has.
     */
    static final String WEATHER = """
            % the weather data, hand-made
            @RELATION 'weather, small'

            @attribute outlook {sunny, overcast, 'light rain'}
            @Attribute "temp (C)" REAL   % a comment after the type
            @ATTRIBUTE humidity Integer
            @attribute 'wind\\'s force' {calm, strong}
            @attribute play {yes, no, 'peut-être'}

            @DATA
            % a comment between rows
            sunny, 30.5, 85, calm, no
            overcast,-2e1,90,strong,yes   % a comment after a row
            'light rain' , 21 , 70 , ?, yes
            "sunny", 22, 95, calm, no
            """;

    @Test
    void readsNumericNominalQuotedMissingAndComments() throws Exception {
        Path file = write("weather.arff", WEATHER);
        LabeledData data = ArffReader.read(file, file, null, Set.of(), 0.2, 0, null).train();
        // features: outlook = sunny|overcast|light rain, temp, humidity, wind = calm|strong|missing
        assertArrayEquals(new int[] {8}, data.sampleShape());
        assertArrayEquals(new float[] {
            1, 0, 0, 30.5f, 85, 1, 0, 0,
            0, 1, 0, -20, 90, 0, 1, 0,
            0, 0, 1, 21, 70, 0, 0, 1,
            1, 0, 0, 22, 95, 1, 0, 0}, data.features());
        // the classes are the header's, in its order, the class without rows included
        assertEquals(List.of("yes", "no", "peut-être"), data.classNames());
        assertEquals(3, data.numClasses());
        assertArrayEquals(new int[] {1, 0, 0, 1}, data.labels());
    }

    @Test
    void theClassAttributeIsTheLastOrTheNamedOne() throws Exception {
        Path file = write("weather.arff", WEATHER);
        LabeledData byName = ArffReader.read(file, file, "outlook", Set.of(), 0.2, 0, null).train();
        assertEquals(List.of("sunny", "overcast", "light rain"), byName.classNames());
        assertArrayEquals(new int[] {0, 1, 2, 0}, byName.labels());
        LabeledData byIndex = ArffReader.read(file, file, "0", Set.of(), 0.2, 0, null).train();
        assertArrayEquals(byName.features(), byIndex.features());
        // features now: temp, humidity, wind = calm|strong|missing, play = yes|no|peut-être
        assertArrayEquals(new float[] {30.5f, 85, 1, 0, 0, 0, 1, 0}, Arrays.copyOf(byName.features(), 8));
        assertMessage(assertThrows(BadDataException.class, () -> ArffReader.read(file, file, "temp (C)", Set.of(), 0.2, 0,
                null)), file, "line 5: the class attribute 'temp (C)' is numeric");
        assertMessage(assertThrows(BadDataException.class, () -> ArffReader.read(file, file, "5", Set.of(), 0.2, 0, null)),
                file, "no attribute '5'");
        assertMessage(assertThrows(BadDataException.class, () -> ArffReader.read(file, file, null, Set.of(), 0.2, 0, 2)),
                file, "declares 3 classes, so `classes` cannot be 2");
    }

    @Test
    void aTestFileIsEncodedAsTheTrainingFileAndMustDeclareTheSame() throws Exception {
        Path train = write("train.arff", WEATHER);
        Path test = write("test.arff", WEATHER.replaceAll("(?s)@DATA.*", "") + "@data\n"
                + "{0 overcast, 1 5, 2 50, 4 'peut-être'}\n" // sparse: wind omitted, so its first value (calm)
                + "sunny, 1, 2, ?, yes\n");
        DataSplit split = ArffReader.read(train, test, null, Set.of(), 0.2, 0, null);
        assertEquals(4, split.train().size());
        assertArrayEquals(new float[] {0, 1, 0, 5, 50, 1, 0, 0, 1, 0, 0, 1, 2, 0, 0, 1}, split.test().features());
        assertArrayEquals(new int[] {2, 0}, split.test().labels());
        assertEquals(List.of("yes", "no", "peut-être"), split.test().classNames());

        Path reordered = write("reordered.arff", WEATHER.replace("{calm, strong}", "{strong, calm}"));
        assertMessage(assertThrows(BadDataException.class, () -> ArffReader.read(train, reordered, null, Set.of(), 0.2, 0,
                null)), reordered, "line 7: attribute 'wind's force' is nominal {strong, calm}, in the training file "
                + train + " it is nominal {calm, strong}");
        Path fewer = write("fewer.arff", WEATHER.replace("@ATTRIBUTE humidity Integer\n", "")
                .replaceAll(", (85|90|70|95),", ","));
        assertMessage(assertThrows(BadDataException.class, () -> ArffReader.read(train, fewer, null, Set.of(), 0.2, 0,
                null)), fewer, "line 6: attribute 3 is 'wind's force', in the training file " + train + " it is 'humidity'");
        Path unknown = write("unknown.arff", WEATHER.replace("95, calm, no", "95, calm, perhaps"));
        assertMessage(assertThrows(BadDataException.class, () -> ArffReader.read(train, unknown, null, Set.of(), 0.2, 0,
                null)), unknown, "line 15: class 'perhaps' is not declared in the header (attribute 'play' declares "
                + "{yes, no, peut-être})");
    }

    @Test
    void sparseRowsDefaultToZeroAndTheFirstDeclaredValue() throws Exception {
        Path file = write("sparse.arff", """
                @relation sparse
                @attribute a numeric
                @attribute b numeric
                @attribute c {x, y}
                @attribute class {neg, pos}
                @data
                {1 3.5, 3 pos}
                {}
                { 0 -1 , 2 y }
                1, 2, x, neg
                """);
        LabeledData data = ArffReader.read(file, file, null, Set.of(), 0.2, 0, null).train();
        assertArrayEquals(new float[] {0, 3.5f, 1, 0, 0, 0, 1, 0, -1, 0, 0, 1, 1, 2, 1, 0}, data.features());
        assertArrayEquals(new int[] {1, 0, 0, 0}, data.labels());
    }

    @Test
    void theSplitIsTheCsvSplit() throws Exception {
        StringBuilder arff = new StringBuilder("@relation r\n@attribute x numeric\n@attribute z numeric\n@attribute y {a, b}\n@data\n");
        StringBuilder csv = new StringBuilder("x,z,y\n");
        for (int i = 0; i < 100; i++) {
            String row = i + "," + (i * 7 % 13) + "," + (i < 80 ? "a" : "b") + "\n";
            arff.append(row);
            csv.append(row);
        }
        Path arffFile = write("all.arff", arff.toString());
        Path csvFile = write("all.csv", csv.toString());
        DataSplit a = ArffReader.read(arffFile, null, null, Set.of(), 0.25, 7, null);
        DataSplit c = CsvReader.read(csvFile, null, null, Set.of(), 0.25, 7);
        assertArrayEquals(new int[] {60, 15}, a.train().trueClassCounts());
        assertArrayEquals(new int[] {20, 5}, a.test().trueClassCounts());
        assertArrayEquals(c.train().features(), a.train().features());
        assertArrayEquals(c.test().features(), a.test().features());
        assertArrayEquals(c.test().labels(), a.test().labels());
        DataSplit other = ArffReader.read(arffFile, null, null, Set.of(), 0.25, 8, null);
        assertFalse(Arrays.equals(a.test().features(), other.test().features()));
        // through the loader, as the command line reads it
        TrainTestData loaded = DataLoader.load(options("--dataset", "arff", "--train-file", arffFile.toString(),
                "--test-fraction", "0.25", "--subset-seed", "7"));
        assertArrayEquals(a.test().features(), loaded.test().features());
        assertEquals(List.of("a", "b"), loaded.classNames());
        InvalidSettingException delimiter = assertThrows(InvalidSettingException.class, () -> DataLoader.load(options(
                "--dataset", "arff", "--train-file", arffFile.toString(), "--delimiter", ";")));
        assertEquals("delimiter", delimiter.setting());
    }

    @Test
    void aMissingNominalValueIsACategoryOnlyIfTrainingHasOne() throws Exception {
        Path train = write("train.arff", "@relation r\n@attribute c {u, v}\n@attribute y {p, q}\n@data\nu,p\nv,q\n");
        Path test = write("test.arff", "@relation r\n@attribute c {u, v}\n@attribute y {p, q}\n@data\n?,p\n");
        DataSplit split = ArffReader.read(train, test, null, Set.of(), 0.2, 0, null);
        assertArrayEquals(new int[] {2}, split.train().sampleShape());
        assertArrayEquals(new float[] {0, 0}, split.test().features()); // unseen in training: all zeros, as in CSV
    }

    @Test
    void faultsNameFileAndLine() throws Exception {
        String head = "@relation r\n@attribute x numeric\n@attribute y {a, b}\n@data\n";
        assertFault(head + "1,a\n?,b\n", "line 6: attribute 'x': the value is missing ('?')");
        assertFault(head + "1,a\n2,?\n", "line 6: attribute 'y': the class is missing ('?')");
        assertFault(head + "1,a\n2,c\n", "line 6: class 'c' is not declared in the header (attribute 'y' declares {a, b})");
        assertFault(head + "1,a\n2,'a\n", "line 6: a quote (') is not closed on the line");
        assertFault(head.replace("{a, b}", "string"), "line 3: attribute 'y' is a string attribute");
        assertFault(head.replace("numeric", "date 'yyyy-MM-dd'"), "line 2: attribute 'x' is a date attribute");
        assertFault(head.replace("@attribute y", "@atribute y"), "line 3: unknown keyword '@atribute'");
        assertFault(head + "1,a\n{0 1, 5 a}\n", "line 6: sparse index 5 is out of range");
        assertFault(head + "1,a,{2}\n", "line 5: instance weights");
    }

    private void assertFault(String content, String says) throws Exception {
        Path file = write("fault.arff", content);
        assertMessage(assertThrows(BadDataException.class, () -> ArffReader.read(file, file, null, Set.of(), 0.2, 0, null)),
                file, says);
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }
}
