package io.github.absgd.data;

import static io.github.absgd.data.IdxReaderTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.absgd.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DataLoaderTest {

    @TempDir Path dir;

    /** CIFAR-10 batches with 20 images of class c for every c, so a long tail can be drawn. */
    private Path cifar10() throws Exception {
        for (int b = 1; b <= 5; b++) {
            int[][] labels = new int[40][];
            for (int r = 0; r < 40; r++) {
                labels[r] = new int[] {r % 10};
            }
            TestFiles.write(dir.resolve("data_batch_" + b + ".bin"), TestFiles.cifarRecords(labels), false);
        }
        TestFiles.write(dir.resolve("test_batch.bin"), TestFiles.cifarRecords(new int[][] {{3}, {4}}), false);
        return dir;
    }

    private static DataOptions options(String... args) {
        DataOptions options = new DataOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }

    @Test
    void optionDefaultsAreTheDocumentedOnes() {
        DataOptions options = options();
        assertEquals("fashion-mnist", options.dataset);
        assertEquals(1.0, options.imbalance);
        assertEquals("exp", options.profile);
        assertEquals(0.0, options.noise);
        assertEquals("sym", options.noiseType);
        assertEquals(0L, options.seed);
        assertEquals(0L, options.subsetSeed);
        assertEquals(32, options.imageSize);
        assertEquals("fine", options.labelKind);
        assertEquals(0.2, options.testFraction);
    }

    @Test
    void loadsCifar10WithLongTailAndAsymmetricNoise() throws Exception {
        TrainTestData data = DataLoader.load(options("--dataset", "cifar10", "--data-dir", cifar10().toString(),
                "--imbalance", "10", "--noise", "0.5", "--noise-type", "asym"));
        assertArrayEquals(new int[] {20, 15, 11, 9, 7, 5, 4, 3, 2, 2}, data.trainCounts());
        assertEquals(78, data.train().size());
        assertEquals(2, data.test().size());
        assertEquals(10.0, data.imbalanceRatio());
        assertEquals(4, data.cropPadding());
        assertArrayEquals(new float[] {0.4914f, 0.4822f, 0.4465f}, data.normalization().mean());
        int[] map = AsymmetricNoiseMaps.cifar10();
        for (int i = 0; i < data.train().size(); i++) {
            int clean = data.train().trueLabels()[i];
            int observed = data.train().labels()[i];
            assertTrue(observed == clean || observed == map[clean]);
        }
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
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f}, folder.normalization().mean(), 1e-6f);

        Files.writeString(dir.resolve("tree/train.txt"), "train/cat/a.png 0\ntrain/dog/b.png 1\n");
        Files.writeString(dir.resolve("tree/val.txt"), "test/dog/c.png 1\n");
        TrainTestData list = DataLoader.load(options("--dataset", "imagelist", "--data-dir",
                dir.resolve("tree").toString(), "--train-file", "train.txt", "--test-file", "val.txt"));
        assertEquals(2, list.numClasses());
        assertEquals(1, list.test().size());

        Files.writeString(dir.resolve("t.csv"), "a,b,label\n1,x,0\n2,y,0\n3,x,1\n4,x,1\n5,y,0\n6,y,1\n");
        TrainTestData csv = DataLoader.load(options("--dataset", "csv", "--train-file", dir.resolve("t.csv").toString(),
                "--categorical", "b", "--test-fraction", "0.34"));
        assertArrayEquals(new int[] {3}, csv.train().sampleShape());
        assertEquals(6, csv.train().size() + csv.test().size());
        assertEquals(2, csv.test().size());
    }

    @Test
    void badOptionsAndMissingDirectoriesAreClear() {
        assertMessage(assertThrows(BadDataException.class,
                () -> DataLoader.load(options("--data-dir", dir.resolve("nowhere").toString()))),
                dir.resolve("nowhere"), "no such directory");
        assertTrue(assertThrows(BadDataException.class, () -> DataLoader.load(options("--noise", "1")))
                .getMessage().contains("--noise must be a rate in [0, 1), got 1.0"));
        assertTrue(assertThrows(BadDataException.class, () -> DataLoader.load(options("--dataset", "svhn")))
                .getMessage().contains("--dataset must be one of fashion-mnist|mnist|cifar10"));
        assertTrue(assertThrows(BadDataException.class,
                () -> DataLoader.load(options("--dataset", "mnist", "--noise", "0.2", "--noise-type", "asym")))
                .getMessage().contains("no"));
        assertTrue(assertThrows(BadDataException.class, () -> DataLoader.load(options("--dataset", "cifar10")))
                .getMessage().contains("--dataset cifar10 needs --data-dir"));
    }

    @Test
    void dataCommandPrintsJsonAndOneLineErrors() throws Exception {
        String[] ok = run("data", "--dataset", "cifar10", "--data-dir", cifar10().toString(), "--imbalance", "10",
                "--profile", "step", "--noise", "0.3", "--json");
        assertEquals("0", ok[0], ok[2]);
        JsonNode json = new ObjectMapper().readTree(ok[1]);
        assertEquals(10, json.get("classes").asInt());
        assertEquals("[20,20,20,20,20,2,2,2,2,2]", json.get("counts").toString());
        assertEquals(110, sum(json.get("noisy_counts")));
        assertEquals(10.0, json.get("imbalance_ratio").asDouble());
        assertTrue(json.get("groups").get("many").isNull());
        assertEquals("[0,1,2,3,4]", json.get("groups").get("medium").toString());
        assertEquals("[5,6,7,8,9]", json.get("groups").get("few").toString());

        String[] text = run("data", "--dataset", "cifar10", "--data-dir", dir.toString(), "--verbose");
        assertEquals("0", text[0], text[2]);
        assertTrue(text[1].contains("groups: many none, medium 10"), text[1]);

        Files.write(dir.resolve("test_batch.bin"), new byte[100]);
        String[] bad = run("data", "--dataset", "cifar10", "--data-dir", dir.toString());
        assertEquals("2", bad[0]);
        assertEquals("absgd: " + dir.resolve("test_batch.bin") + ": length 100 is not a multiple of the 3073-byte record"
                + " (1 label byte + 3072 pixels): truncated or not this CIFAR format", bad[2].strip());
        assertFalse(bad[2].contains("\tat "), "no stack trace");
    }

    private static int sum(JsonNode array) {
        int total = 0;
        for (JsonNode n : array) {
            total += n.asInt();
        }
        return total;
    }

    /** {exit code, stdout, stderr} of the command line. */
    private static String[] run(String... args) {
        return io.github.absgd.CommandLineRun.run(args);
    }
}
