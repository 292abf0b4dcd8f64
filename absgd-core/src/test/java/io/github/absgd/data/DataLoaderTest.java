package io.github.absgd.data;

import static io.github.absgd.data.IdxReaderTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.absgd.util.InvalidSettingException;
import io.github.absgd.util.SpecJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataLoaderTest {

    @TempDir Path dir;

    /** A data specification from "--setting value" pairs (the settings' names, as the command line spells them). */
    static DataSpec options(String... args) throws Exception {
        ObjectNode json = SpecJson.MAPPER.valueToTree(DataSpec.builder().build());
        for (int i = 0; i < args.length; i += 2) {
            String key = args[i].substring(2);
            if (key.equals("categorical")) {
                json.set(key, SpecJson.MAPPER.valueToTree(List.of(args[i + 1].split(","))));
            } else {
                json.put(key, args[i + 1]);
            }
        }
        return SpecJson.MAPPER.treeToValue(json, DataSpec.class);
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        DataSpec options = DataSpec.builder().build();
        assertEquals("fashion-mnist", options.dataset());
        assertNull(options.dataDir());
        assertEquals(1.0, options.imbalance());
        assertEquals("exp", options.profile());
        assertEquals(0, options.maxPerClass());
        assertEquals(0.0, options.noise());
        assertEquals("sym", options.noiseType());
        assertNull(options.noiseSeed());
        assertEquals(0L, options.subsetSeed());
        assertEquals(32, options.imageSize());
        assertEquals("fine", options.labelKind());
        assertEquals(0.2, options.testFraction());
        assertEquals(List.of(), options.categorical());
        assertNull(options.cropPadding());
    }

    @Test
    void loadsCifar10WithLongTailAndAsymmetricNoise() throws Exception {
        TrainTestData data = DataLoader.load(options("--dataset", "cifar10", "--data-dir", TestFiles.cifar10Batches(dir).toString(),
                "--imbalance", "10", "--noise", "0.5", "--noise-type", "asym"));
        assertArrayEquals(new int[] {20, 15, 11, 9, 7, 5, 4, 3, 2, 2}, data.trainCounts());
        assertEquals(78, data.train().size());
        assertEquals(2, data.test().size());
        assertEquals(10.0, data.imbalanceRatio());
        assertEquals(4, data.cropPadding());
        assertArrayEquals(new float[] {0.4914f, 0.4822f, 0.4465f}, data.normalization().mean());
        int[] map = AsymmetricNoiseMaps.cifar10();
        int eligible = 0;
        int flipped = 0;
        int[] trueCounts = new int[10];
        for (int i = 0; i < data.train().size(); i++) {
            int clean = data.train().trueLabels()[i];
            int observed = data.train().labels()[i];
            trueCounts[clean]++;
            eligible += map[clean] != clean ? 1 : 0;
            if (observed != clean) {
                flipped++;
                assertEquals(map[clean], observed, "sample " + i + " flipped along the CIFAR-10 map");
            }
        }
        assertArrayEquals(data.trainCounts(), trueCounts, "the true labels are the long tail's");
        assertEquals(34, eligible, "bird, cat, deer, dog and truck samples: 11 + 9 + 7 + 5 + 2");
        // each eligible sample flips with probability 0.5: 17 expected, sd 2.9
        assertTrue(flipped >= 8 && flipped <= 26, "about half the eligible labels flipped, got " + flipped + " of 34");
        assertNull(data.groups().many());
        assertEquals(List.of(0), data.groups().medium());
    }

    @Test
    void loadsIdxFromADataDirectoryWithTheUsualNames() throws Exception {
        int[] y = {0, 1, 1, 2, 2, 2};
        TestFiles.writeIdxPair(dir.resolve("train-images-idx3-ubyte.gz"), dir.resolve("train-labels-idx1-ubyte.gz"), y,
                28, 28, true);
        TestFiles.writeIdxPair(dir.resolve("t10k-images-idx3-ubyte"), dir.resolve("t10k-labels-idx1-ubyte"),
                new int[] {2}, 28, 28, false);
        TrainTestData data = DataLoader.load(options("--dataset", "idx", "--data-dir", dir.toString()));
        assertEquals(3, data.numClasses());
        assertArrayEquals(new int[] {1, 2, 3}, data.trainCounts());
        assertEquals(2, data.cropPadding());
        TrainTestData fashion = DataLoader.load(options("--data-dir", dir.toString()));
        assertEquals("T-shirt/top", fashion.classNames().get(0));
        assertEquals(0.2860f, fashion.normalization().mean()[0]);
    }

    @Test
    void loadsImageFolderAndImageListAndCsv() throws Exception {
        TestFiles.png(dir.resolve("tree/train/cat/a.png"), 6, 6, 0xffffff);
        TestFiles.png(dir.resolve("tree/train/dog/b.png"), 6, 6, 0);
        TestFiles.png(dir.resolve("tree/test/dog/c.png"), 6, 6, 0);
        TrainTestData folder = DataLoader.load(options("--dataset", "imagefolder", "--data-dir",
                dir.resolve("tree").toString(), "--image-size", "8"));
        assertArrayEquals(new int[] {3, 8, 8}, folder.train().sampleShape());
        assertEquals(List.of("cat", "dog"), folder.classNames());
        assertArrayEquals(new int[] {0, 1}, folder.train().labels());
        assertArrayEquals(new int[] {1}, folder.test().labels());
        assertEquals((byte) 255, folder.train().pixels()[0], "the white cat, resized");
        assertEquals(0, folder.train().pixels()[3 * 8 * 8], "the black dog");
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f}, folder.normalization().mean(), 1e-6f);

        Files.writeString(dir.resolve("tree/train.txt"), "train/cat/a.png 0\ntrain/dog/b.png 1\n");
        Files.writeString(dir.resolve("tree/val.txt"), "test/dog/c.png 1\n");
        TrainTestData list = DataLoader.load(options("--dataset", "imagelist", "--data-dir",
                dir.resolve("tree").toString(), "--train-file", "train.txt", "--test-file", "val.txt"));
        assertEquals(2, list.numClasses());
        assertArrayEquals(new int[] {0, 1}, list.train().labels());
        assertArrayEquals(new int[] {1}, list.test().labels());
        assertArrayEquals(new int[] {3, 32, 32}, list.train().sampleShape(), "the default image size");
        assertEquals((byte) 255, list.train().pixels()[0], "the white cat");
        assertEquals(0, list.train().pixels()[3 * 32 * 32], "the black dog");

        Files.writeString(dir.resolve("t.csv"), "a,b,label\n1,x,0\n2,y,0\n3,x,1\n4,x,1\n5,y,0\n6,y,1\n");
        TrainTestData csv = DataLoader.load(options("--dataset", "csv", "--train-file", dir.resolve("t.csv").toString(),
                "--categorical", "b", "--test-fraction", "0.34"));
        assertArrayEquals(new int[] {3}, csv.train().sampleShape()); // a, b=x, b=y
        assertEquals(6, csv.train().size() + csv.test().size());
        assertEquals(2, csv.test().size());
        assertArrayEquals(new int[] {2, 2}, csv.trainCounts(), "a stratified split keeps 2 of each label for training");
        for (int i = 0; i < csv.train().size(); i++) { // rows are (a, 1 if b = x, 1 if b = y), label 1 for a = 3, 4, 6
            float[] row = Arrays.copyOfRange(csv.train().features(), 3 * i, 3 * i + 3);
            int a = Math.round(row[0]);
            assertEquals(a == 3 || a == 4 || a == 6 ? 1 : 0, csv.train().labels()[i], "label of row a = " + a);
            assertEquals(a == 1 || a == 3 || a == 4 ? 1f : 0f, row[1], "b = x of row a = " + a);
            assertEquals(1f - row[1], row[2], "one-hot b of row a = " + a);
        }
    }

    @Test
    void aValidationFileIsReadAndEncodedAsTheTestFileIs() throws Exception {
        Path train = Files.writeString(dir.resolve("t.csv"), "a,b,label\n1,x,0\n2,y,0\n3,x,1\n4,x,1\n5,y,0\n6,y,1\n");
        Path test = Files.writeString(dir.resolve("test.csv"), "a,b,label\n1,y,1\n");
        Path val = Files.writeString(dir.resolve("val.csv"), "a;b;label\n7;y;1\n8;x;0\n"); // its own separator
        TrainTestData csv = DataLoader.load(options("--dataset", "csv", "--train-file", train.toString(), "--test-file",
                test.toString(), "--val-file", val.toString(), "--categorical", "b"));
        assertEquals(6, csv.train().size(), "nothing is carved from the training set");
        assertArrayEquals(new int[] {1, 0}, csv.validation().labels());
        assertArrayEquals(new float[] {7, 0, 1, 8, 1, 0}, csv.validation().features(), "b one-hot as in training");

        Path arffTrain = Files.write(dir.resolve("t.arff"), List.of("@relation t", "@attribute a numeric",
                "@attribute label {no, yes}", "@data", "1,no", "2,no", "3,yes", "4,yes"));
        Path arffVal = Files.write(dir.resolve("v.arff"), List.of("@relation v", "@attribute a numeric",
                "@attribute label {no, yes}", "@data", "9,yes"));
        TrainTestData arff = DataLoader.load(options("--dataset", "arff", "--train-file", arffTrain.toString(), "--test-file",
                arffTrain.toString(), "--val-file", arffVal.toString()));
        assertArrayEquals(new int[] {1}, arff.validation().labels());
        Path otherHeader = Files.write(dir.resolve("other.arff"), List.of("@relation v", "@attribute b numeric",
                "@attribute label {no, yes}", "@data", "9,yes"));
        assertMessage(assertThrows(BadDataException.class, () -> DataLoader.load(options("--dataset", "arff", "--train-file",
                arffTrain.toString(), "--val-file", otherHeader.toString()))), otherHeader,
                "line 2: attribute 1 is 'b', in the training file " + arffTrain + " it is 'a'");

        assertSetting("val-file", "and `val-fraction` both give a validation set; give one of them", options("--dataset", "csv",
                "--train-file", train.toString(), "--val-file", val.toString(), "--val-fraction", "0.2"));
        assertSetting("val-file", "is read for csv, arff and imagelist data; for fashion-mnist carve the validation set from the"
                + " training set with `val-fraction`", options("--val-file", val.toString()));
    }

    @Test
    void badSettingsAndMissingDirectoriesAreClear() throws Exception {
        DataSpec nowhere = options("--data-dir", dir.resolve("nowhere").toString());
        assertMessage(assertThrows(BadDataException.class, () -> DataLoader.load(nowhere)), dir.resolve("nowhere"), "no such directory");
        assertSetting("noise", "must be a rate in [0, 1), got 1.0", options("--noise", "1"));
        assertSetting("dataset", "must be one of fashion-mnist|mnist|cifar10|cifar100|idx|imagelist|imagefolder|csv|arff, got 'svhn'",
                options("--dataset", "svhn"));
        assertSetting("noise-type", "asym has a class map for cifar10, cifar100 and fashion-mnist only, not for mnist",
                options("--dataset", "mnist", "--noise", "0.2", "--noise-type", "asym"));
        assertSetting("dataset", "cifar10 needs `data-dir`", options("--dataset", "cifar10"));
    }

    @Test
    void idxTestImagesOfAnotherSizeAreRefused() throws Exception {
        TestFiles.writeIdxPair(dir.resolve("train-images-idx3-ubyte"), dir.resolve("train-labels-idx1-ubyte"), new int[] {0, 1},
                28, 28, false);
        TestFiles.writeIdxPair(dir.resolve("t10k-images-idx3-ubyte"), dir.resolve("t10k-labels-idx1-ubyte"), new int[] {1},
                32, 32, false);
        BadDataException e = assertThrows(BadDataException.class,
                () -> DataLoader.load(options("--dataset", "idx", "--data-dir", dir.toString())));
        assertMessage(e, dir.resolve("t10k-images-idx3-ubyte"), "32x32");
        assertTrue(e.getMessage().contains("28x28") && e.getMessage().contains(dir.resolve("train-images-idx3-ubyte").toString()),
                e.getMessage());
    }

    @Test
    void labelsBeyondTheDeclaredClassesNameFileValueAndPlace() throws Exception {
        TestFiles.writeIdxPair(dir.resolve("train-images-idx3-ubyte"), dir.resolve("train-labels-idx1-ubyte"), new int[] {0, 9},
                28, 28, false);
        TestFiles.writeIdxPair(dir.resolve("t10k-images-idx3-ubyte"), dir.resolve("t10k-labels-idx1-ubyte"), new int[] {3, 10},
                28, 28, false);
        for (String dataset : new String[] {"fashion-mnist", "mnist"}) {
            BadDataException e = assertThrows(BadDataException.class,
                    () -> DataLoader.load(options("--dataset", dataset, "--data-dir", dir.toString())));
            assertMessage(e, dir.resolve("t10k-labels-idx1-ubyte"), "label 10 of item 1 is out of range");
            assertTrue(e.getMessage().contains("10 classes"), e.getMessage());
        }
        Path cifar = TestFiles.cifar10Batches(dir.resolve("cifar"));
        TestFiles.write(cifar.resolve("data_batch_2.bin"), TestFiles.cifarRecords(new int[][] {{1}, {2}, {10}}), false);
        BadDataException e = assertThrows(BadDataException.class,
                () -> DataLoader.load(options("--dataset", "cifar10", "--data-dir", cifar.toString())));
        assertMessage(e, cifar.resolve("data_batch_2.bin"), "label 10 of record 2 is out of range");
        assertTrue(e.getMessage().contains("10 classes"), e.getMessage());
    }

    @Test
    void gapsInInferredIntegerLabelsAreRefusedUnlessClassesIsGiven() throws Exception {
        int[] y = {0, 1, 3, 3, 0};
        TestFiles.writeIdxPair(dir.resolve("train-images-idx3-ubyte"), dir.resolve("train-labels-idx1-ubyte"), y, 2, 2, false);
        TestFiles.writeIdxPair(dir.resolve("t10k-images-idx3-ubyte"), dir.resolve("t10k-labels-idx1-ubyte"), new int[] {4}, 2, 2,
                false);
        BadDataException gap = assertThrows(BadDataException.class,
                () -> DataLoader.load(options("--dataset", "idx", "--data-dir", dir.toString())));
        assertMessage(gap, dir.resolve("train-labels-idx1-ubyte"), "no sample has label 2");
        assertTrue(gap.getMessage().contains("`classes`"), gap.getMessage());

        TrainTestData five = DataLoader.load(options("--dataset", "idx", "--data-dir", dir.toString(), "--classes", "5"));
        assertEquals(5, five.numClasses());
        assertArrayEquals(new int[] {2, 1, 0, 2, 0}, five.trainCounts(), "empty classes 2 and 4 are kept");
        assertArrayEquals(new int[] {4}, five.test().labels());
        assertArrayEquals(TestFiles.imagePixels(5, 2, 2), five.train().pixels(), "the same pixels as without `classes`");

        BadDataException small = assertThrows(BadDataException.class,
                () -> DataLoader.load(options("--dataset", "idx", "--data-dir", dir.toString(), "--classes", "3")));
        assertMessage(small, dir.resolve("train-labels-idx1-ubyte"), "label 3 of item 2 is out of range");
    }

    @Test
    void classesMustSuitTheDataSet() throws Exception {
        assertSetting("classes", "must be from 1 to 1000000, got 0", options("--classes", "0"));
        TestFiles.writeIdxPair(dir.resolve("train-images-idx3-ubyte"), dir.resolve("train-labels-idx1-ubyte"), new int[] {0, 9},
                28, 28, false);
        TestFiles.writeIdxPair(dir.resolve("t10k-images-idx3-ubyte"), dir.resolve("t10k-labels-idx1-ubyte"), new int[] {3},
                28, 28, false);
        assertSetting("classes", "must be 10 for fashion-mnist (it has 10 classes), got 12",
                options("--data-dir", dir.toString(), "--classes", "12"));
        assertEquals(10, DataLoader.load(options("--data-dir", dir.toString(), "--classes", "10")).numClasses());
    }

    private static void assertSetting(String setting, String problem, DataSpec spec) {
        InvalidSettingException error = assertThrows(InvalidSettingException.class, () -> DataLoader.load(spec));
        assertEquals(setting, error.setting(), error.getMessage());
        assertEquals(problem, error.problem());
    }
}
