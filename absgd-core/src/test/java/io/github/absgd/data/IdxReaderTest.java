package io.github.absgd.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir Path dir;

    @Test
    void readsPlainAndGzippedFilesAlike() throws Exception {
        int[] y = {3, 0, 9, 1};
        TestFiles.writeIdxPair(dir.resolve("a-img"), dir.resolve("a-lbl"), y, 4, 5, false);
        TestFiles.writeIdxPair(dir.resolve("b-img.gz"), dir.resolve("b-lbl.gz"), y, 4, 5, true);
        LabeledData plain = IdxReader.read(dir.resolve("a-img"), dir.resolve("a-lbl"), 10, null);
        LabeledData gzipped = IdxReader.read(dir.resolve("b-img.gz"), dir.resolve("b-lbl.gz"), 10, null);
        for (LabeledData data : new LabeledData[] {plain, gzipped}) {
            assertEquals(4, data.size());
            assertArrayEquals(new int[] {1, 4, 5}, data.sampleShape());
            assertArrayEquals(y, data.labels());
            assertArrayEquals(TestFiles.imagePixels(4, 4, 5), data.pixels());
        }
    }

    @Test
    void infersTheClassCountWhenAskedTo() throws Exception {
        TestFiles.writeIdxPair(dir.resolve("i"), dir.resolve("l"), new int[] {0, 4, 2, 3, 1, 4}, 2, 2, false);
        assertEquals(5, IdxReader.read(dir.resolve("i"), dir.resolve("l"), 0, null).numClasses());
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("nope-images");
        BadDataException e = assertThrows(BadDataException.class, () -> IdxReader.read(missing, missing, 10, null));
        assertMessage(e, missing, "no such file");
    }

    @Test
    void wrongMagicIsRejected() throws Exception {
        Path images = TestFiles.write(dir.resolve("img"), TestFiles.bytes(0, 0, 9, 3, 0, 0, 0, 0), false);
        assertMessage(assertThrows(BadDataException.class, () -> IdxReader.readArray(images, 3)), images,
                "holds IDX data of type signed byte (0x09); only unsigned bytes (0x08) are read");
        Path other = TestFiles.write(dir.resolve("other"), TestFiles.bytes(0, 0, 7, 3, 0, 0, 0, 0), false);
        assertMessage(assertThrows(BadDataException.class, () -> IdxReader.readArray(other, 3)), other, "wrong magic");
        Path text = TestFiles.write(dir.resolve("text"), "hello world".getBytes(), false);
        assertMessage(assertThrows(BadDataException.class, () -> IdxReader.readArray(text, 3)), text, "wrong magic");
    }

    @Test
    void wrongDimensionCountIsRejected() throws Exception {
        Path labels = TestFiles.write(dir.resolve("lbl"), TestFiles.idx(new int[] {2, 1}, new byte[2]), false);
        assertMessage(assertThrows(BadDataException.class, () -> IdxReader.readArray(labels, 1)), labels,
                "has 2 dimensions, expected 1");
    }

    @Test
    void truncatedFilesAreRejected() throws Exception {
        byte[] full = TestFiles.idx(new int[] {3, 4, 4}, TestFiles.imagePixels(3, 4, 4));
        Path cut = TestFiles.write(dir.resolve("cut"), Arrays.copyOf(full, full.length - 5), false);
        assertMessage(assertThrows(BadDataException.class, () -> IdxReader.readArray(cut, 3)), cut, "truncated");
        Path header = TestFiles.write(dir.resolve("header"), Arrays.copyOf(full, 9), false);
        assertMessage(assertThrows(BadDataException.class, () -> IdxReader.readArray(header, 3)), header, "truncated");
        byte[] gz = TestFiles.gzip(full);
        Path cutGz = TestFiles.write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length / 2), false);
        assertMessage(assertThrows(BadDataException.class, () -> IdxReader.readArray(cutGz, 3)), cutGz, "truncated");
    }

    @Test
    void imageAndLabelCountsMustAgree() throws Exception {
        Path images = TestFiles.write(dir.resolve("img"), TestFiles.idx(new int[] {3, 2, 2}, new byte[12]), false);
        Path labels = TestFiles.write(dir.resolve("lbl"), TestFiles.idx(new int[] {2}, new byte[2]), false);
        BadDataException e = assertThrows(BadDataException.class, () -> IdxReader.read(images, labels, 10, null));
        assertMessage(e, labels, "holds 2 labels but");
        assertTrue(e.getMessage().contains("3 images"));
    }

    @Test
    void labelOutOfRangeIsRejected() throws Exception {
        TestFiles.writeIdxPair(dir.resolve("i"), dir.resolve("l"), new int[] {0, 12}, 2, 2, false);
        BadDataException e = assertThrows(BadDataException.class,
                () -> IdxReader.read(dir.resolve("i"), dir.resolve("l"), 10, null));
        assertMessage(e, dir.resolve("l"), "label 12 of item 1 is out of range");
    }

    static void assertMessage(RuntimeException e, Path file, String what) {
        assertTrue(e.getMessage().startsWith(file.toString()), () -> "should name " + file + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(what), () -> "should say '" + what + "': " + e.getMessage());
        assertTrue(Files.exists(file) || e.getMessage().contains("no such"), e.getMessage());
    }
}
