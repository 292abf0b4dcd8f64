package io.github.absgd.data;

import static io.github.absgd.data.DataLoaderTest.options;
import static io.github.absgd.data.IdxReaderTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageReadersTest {

    @TempDir Path dir;

    @Test
    void readsAnImageListResizedToRgb() throws Exception {
        TestFiles.png(dir.resolve("train/a/0.png"), 10, 6, 0xff0000);
        TestFiles.png(dir.resolve("train/b/1.png"), 8, 8, 0x00ff80);
        TestFiles.png(dir.resolve("train/b/my photo.png"), 3, 3, 0x0000ff);
        Path list = dir.resolve("ImageNet_LT_train.txt");
        Files.writeString(list, "train/a/0.png 0\n\ntrain/b/1.png 2\ntrain/b/my photo.png\t1\n");
        LabeledData data = ImageListReader.read(list, dir, 4, 0);
        assertEquals(3, data.size());
        assertEquals(3, data.numClasses());
        assertArrayEquals(new int[] {3, 4, 4}, data.sampleShape());
        assertArrayEquals(new int[] {0, 2, 1}, data.labels());
        assertEquals((byte) 255, data.pixels()[0]); // red plane of the red image
        assertEquals(0, data.pixels()[16]); // its green plane
        assertEquals((byte) 0x80, data.pixels()[48 + 32 + 5]); // blue plane of the second image
    }

    @Test
    void readsAnImageFolderTreeWithSortedClasses() throws Exception {
        TestFiles.png(dir.resolve("train/zebra/1.png"), 5, 5, 0x101010);
        TestFiles.png(dir.resolve("train/ant/2.png"), 5, 5, 0x202020);
        TestFiles.png(dir.resolve("train/ant/1.png"), 5, 5, 0x303030);
        TestFiles.png(dir.resolve("val/zebra/x.png"), 7, 7, 0x404040);
        Files.writeString(dir.resolve("train/ant/.DS_Store"), "junk");
        List<String> classes = ImageFolderReader.classNames(dir.resolve("train"));
        assertEquals(List.of("ant", "zebra"), classes);
        LabeledData train = ImageFolderReader.read(dir.resolve("train"), classes, 5, true);
        assertArrayEquals(new int[] {0, 0, 1}, train.labels());
        assertEquals(0x30, train.pixels()[0]); // ant/1.png comes first
        LabeledData test = ImageFolderReader.read(dir.resolve("val"), classes, 5, false);
        assertArrayEquals(new int[] {1}, test.labels());
        assertEquals(classes, test.classNames());
    }

    @Test
    void undecodableImageIsNamed() throws Exception {
        Path bad = dir.resolve("img/bad.png");
        Files.createDirectories(bad.getParent());
        Files.writeString(bad, "this is not a png");
        Path list = dir.resolve("list.txt");
        Files.writeString(list, "img/bad.png 0\n");
        assertMessage(assertThrows(BadDataException.class, () -> ImageListReader.read(list, dir, 4, 0)), bad,
                "cannot decode image");
    }

    @Test
    void missingImageIsNamed() throws Exception {
        Path list = dir.resolve("list.txt");
        Files.writeString(list, "img/absent.jpg 0\n");
        assertMessage(assertThrows(BadDataException.class, () -> ImageListReader.read(list, dir, 4, 0)),
                dir.resolve("img/absent.jpg"), "no such file");
    }

    @Test
    void badListLinesNameTheLine() throws Exception {
        Path list = dir.resolve("list.txt");
        Files.writeString(list, "a.png 0\nb.png cat\n");
        assertMessage(assertThrows(BadDataException.class, () -> ImageListReader.read(list, dir, 4, 0)), list,
                "line 2: label 'cat' is not an integer");
        Files.writeString(list, "a.png 0\nb.png\n");
        assertMessage(assertThrows(BadDataException.class, () -> ImageListReader.read(list, dir, 4, 0)), list,
                "line 2: expected 'relative/path label'");
    }

    @Test
    void testLabelBeyondTheTrainingClassesIsRejected() throws Exception {
        TestFiles.png(dir.resolve("a.png"), 2, 2, 0);
        Path list = dir.resolve("val.txt");
        Files.writeString(list, "a.png 5\n");
        assertMessage(assertThrows(BadDataException.class, () -> ImageListReader.read(list, dir, 4, 3)), list,
                "line 1: label 5 is out of range");
    }

    @Test
    void anEmptyTrainingClassFolderIsRefusedAnEmptyTestClassIsNot() throws Exception {
        TestFiles.png(dir.resolve("tree/train/ant/1.png"), 2, 2, 0x101010);
        Files.createDirectories(dir.resolve("tree/train/bee/nested"));
        Files.writeString(dir.resolve("tree/train/bee/.DS_Store"), "junk");
        TestFiles.png(dir.resolve("tree/train/bee/nested/2.png"), 2, 2, 0x202020);
        TestFiles.png(dir.resolve("tree/test/ant/3.png"), 2, 2, 0x303030);
        DataSpec spec = options("--dataset", "imagefolder", "--data-dir", dir.resolve("tree").toString(), "--image-size", "2");
        assertMessage(assertThrows(BadDataException.class, () -> DataLoader.load(spec)), dir.resolve("tree/train/bee"),
                "holds no images");
        TestFiles.png(dir.resolve("tree/train/bee/2.png"), 2, 2, 0x202020);
        Files.createDirectories(dir.resolve("tree/test/bee"));
        TrainTestData data = DataLoader.load(spec);
        assertArrayEquals(new int[] {1, 1}, data.trainCounts());
        assertArrayEquals(new int[] {1, 0}, data.test().trueClassCounts());
    }

    @Test
    void gapsInListLabelsAreRefusedUnlessClassesIsGiven() throws Exception {
        TestFiles.png(dir.resolve("a.png"), 2, 2, 0xff0000);
        TestFiles.png(dir.resolve("b.png"), 2, 2, 0x00ff00);
        Files.writeString(dir.resolve("train.txt"), "a.png 0\nb.png 2\n");
        Files.writeString(dir.resolve("test.txt"), "b.png 1\n");
        String[] args = {"--dataset", "imagelist", "--data-dir", dir.toString(), "--train-file", "train.txt", "--test-file",
            "test.txt", "--image-size", "2"};
        assertMessage(assertThrows(BadDataException.class, () -> DataLoader.load(options(args))), dir.resolve("train.txt"),
                "no sample has label 1");
        TrainTestData three = DataLoader.load(options(with(args, "--classes", "3")));
        assertArrayEquals(new int[] {1, 0, 1}, three.trainCounts());
        assertArrayEquals(new int[] {1}, three.test().labels());
        assertMessage(assertThrows(BadDataException.class, () -> DataLoader.load(options(with(args, "--classes", "2")))),
                dir.resolve("train.txt"), "line 2: label 2 is out of range");
    }

    private static String[] with(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    @Test
    void missingFolderIsNamed() {
        Path missing = dir.resolve("train");
        assertMessage(assertThrows(BadDataException.class, () -> ImageFolderReader.classNames(missing)), missing,
                "no such directory");
    }
}
