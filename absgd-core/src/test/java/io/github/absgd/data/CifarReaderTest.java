package io.github.absgd.data;

import static io.github.absgd.data.IdxReaderTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarReaderTest {

    @TempDir Path dir;

    @Test
    void readsCifar10BatchesInOrder() throws Exception {
        Path a = TestFiles.write(dir.resolve("data_batch_1.bin"), TestFiles.cifarRecords(new int[][] {{7}, {2}}), false);
        Path b = TestFiles.write(dir.resolve("data_batch_2.bin"), TestFiles.cifarRecords(new int[][] {{9}}), false);
        LabeledData data = CifarReader.readCifar10(List.of(a, b), null);
        assertEquals(3, data.size());
        assertArrayEquals(new int[] {3, 32, 32}, data.sampleShape());
        assertArrayEquals(new int[] {7, 2, 9}, data.labels());
        // record 1 of file a: red plane = 2, green = 3, blue = 4; file b's record 0: 1, 2, 3
        assertEquals(2, data.pixels()[3072]);
        assertEquals(4, data.pixels()[3072 + 2048]);
        assertEquals(1, data.pixels()[2 * 3072]);
    }

    @Test
    void readsCifar100FineOrCoarse() throws Exception {
        Path file = TestFiles.write(dir.resolve("train.bin"),
                TestFiles.cifarRecords(new int[][] {{4, 99}, {19, 0}, {0, 55}}), false);
        LabeledData fine = CifarReader.readCifar100(file, CifarReader.LabelKind.FINE, null);
        LabeledData coarse = CifarReader.readCifar100(file, CifarReader.LabelKind.COARSE, null);
        assertArrayEquals(new int[] {99, 0, 55}, fine.labels());
        assertEquals(100, fine.numClasses());
        assertArrayEquals(new int[] {4, 19, 0}, coarse.labels());
        assertEquals(20, coarse.numClasses());
        assertEquals(1, fine.pixels()[0]);
    }

    @Test
    void readsClassNamesWhenPresent() throws Exception {
        List<String> names = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship",
                "truck");
        Files.write(dir.resolve("batches.meta.txt"), (String.join("\n", names) + "\n\n").getBytes());
        assertEquals(names, CifarReader.readClassNames(dir.resolve("batches.meta.txt"), 10));
        assertNull(CifarReader.readClassNames(dir.resolve("absent.txt"), 10));
    }

    @Test
    void recordOfTheWrongSizeIsRejected() throws Exception {
        byte[] records = TestFiles.cifarRecords(new int[][] {{1}, {2}});
        Path file = TestFiles.write(dir.resolve("data_batch_1.bin"), Arrays.copyOf(records, records.length - 1), false);
        assertMessage(assertThrows(BadDataException.class, () -> CifarReader.readCifar10(List.of(file), null)), file,
                "not a multiple of the 3073-byte record");
        // a CIFAR-10 file read as CIFAR-100 has the wrong record size too
        Path ten = TestFiles.write(dir.resolve("train.bin"), TestFiles.cifarRecords(new int[][] {{1}, {2}, {3}}), false);
        assertMessage(assertThrows(BadDataException.class,
                () -> CifarReader.readCifar100(ten, CifarReader.LabelKind.FINE, null)), ten, "3074-byte record");
    }

    @Test
    void labelOutOfRangeIsRejected() throws Exception {
        Path file = TestFiles.write(dir.resolve("test_batch.bin"), TestFiles.cifarRecords(new int[][] {{1}, {10}}), false);
        assertMessage(assertThrows(BadDataException.class, () -> CifarReader.readCifar10(List.of(file), null)), file,
                "label 10 of record 1 is out of range");
        Path hundred = TestFiles.write(dir.resolve("test.bin"), TestFiles.cifarRecords(new int[][] {{20, 3}}), false);
        assertMessage(assertThrows(BadDataException.class,
                () -> CifarReader.readCifar100(hundred, CifarReader.LabelKind.COARSE, null)), hundred, "label 20");
    }

    @Test
    void missingBatchIsNamed() {
        Path missing = dir.resolve("data_batch_3.bin");
        assertMessage(assertThrows(BadDataException.class, () -> CifarReader.readCifar10(List.of(missing), null)),
                missing, "no such file");
    }
}
