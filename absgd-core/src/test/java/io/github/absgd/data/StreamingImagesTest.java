package io.github.absgd.data;

import static io.github.absgd.data.DataLoaderTest.options;
import static io.github.absgd.data.IdxReaderTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.github.absgd.util.InvalidSettingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamingImagesTest {

    @TempDir Path dir;

    private TrainTestData load(Path tree, String stream) throws Exception {
        return DataLoader.load(options("--dataset", "imagefolder", "--data-dir", tree.toString(), "--image-size", "8",
                "--imbalance", "4", "--stream", stream));
    }

    @Test
    void streamedBatchesAreTheHeldBatchesBitForBit() throws Exception {
        Path tree = TestFiles.imageFolder(dir.resolve("tree"), new int[] {16, 12, 8}, 3, 10, 1);
        TrainTestData held = load(tree, "off");
        TrainTestData streamed = load(tree, "on");
        assertFalse(held.train().isStreamed());
        assertTrue(streamed.train().isStreamed() && streamed.test().isStreamed());
        assertArrayEquals(held.trainCounts(), streamed.trainCounts(), "the long tail, drawn from the labels alone");
        assertEquals(held.normalization(), streamed.normalization(), "measured on the same images in the same order");
        try (NDManager manager = NDManager.newBaseManager();
                Batcher heldBatches = held.trainBatcher(manager);
                Batcher streamedBatches = streamed.trainBatcher(manager)) {
            List<int[]> batches = EpochOrder.batches(held.train().size(), 5, 3, 1);
            streamedBatches.plan(batches);
            for (int step = 0; step < batches.size(); step++) {
                assertSameBatch(heldBatches, streamedBatches, batches.get(step), true, step, manager);
            }
            assertSameBatch(heldBatches, streamedBatches, new int[] {4, 1, 4}, true, 9, manager); // out of any plan
            streamedBatches.plan(batches);
            assertSameBatch(heldBatches, streamedBatches, batches.get(2), false, 0, manager); // off plan: the plan is dropped
            assertSameBatch(heldBatches, streamedBatches, batches.get(3), false, 0, manager);
        }
    }

    private static void assertSameBatch(Batcher held, Batcher streamed, int[] indices, boolean augment, long seed,
            NDManager manager) {
        try (NDManager scope = manager.newSubManager()) {
            NDList a = held.batch(scope, indices, augment, new Random(seed));
            NDList b = streamed.batch(scope, indices, augment, new Random(seed));
            assertArrayEquals(a.get(0).getShape().getShape(), b.get(0).getShape().getShape());
            assertArrayEquals(a.get(0).toFloatArray(), b.get(0).toFloatArray(), "inputs of batch " + seed);
            assertArrayEquals(a.get(1).toLongArray(), b.get(1).toLongArray(), "labels of batch " + seed);
        }
    }

    @Test
    void aCorruptImageIsNamedWhenItsBatchIsDecoded() throws Exception {
        Path tree = TestFiles.imageFolder(dir.resolve("tree"), new int[] {6, 4}, 2, 8, 2);
        Path corrupt = tree.resolve("test/c1/005.png");
        Files.writeString(corrupt, "not a png any more");
        TrainTestData streamed = load(tree, "on"); // the test images are not decoded yet
        try (NDManager manager = NDManager.newBaseManager(); Batcher test = streamed.testBatcher(manager)) {
            test.plan(List.of(new int[] {0, 1}, new int[] {2, 3}));
            test.batch(manager, new int[] {0, 1}, false, new Random(0));
            assertMessage(assertThrows(BadDataException.class, () -> test.batch(manager, new int[] {2, 3}, false, new Random(0))),
                    corrupt, "cannot decode image");
            assertMessage(assertThrows(BadDataException.class, () -> test.batch(manager, new int[] {3}, false, new Random(0))),
                    corrupt, "cannot decode image"); // and out of plan
        }
        Path corruptTraining = tree.resolve("train/c0/002.png");
        Files.writeString(corruptTraining, "");
        assertMessage(assertThrows(BadDataException.class, () -> load(tree, "on")), corruptTraining, "is empty");
    }

    @Test
    void decodingThreadsEndWhenTheBatcherCloses() throws Exception {
        Path tree = TestFiles.imageFolder(dir.resolve("tree"), new int[] {30, 20}, 2, 8, 3);
        TrainTestData streamed = load(tree, "on");
        try (NDManager manager = NDManager.newBaseManager()) {
            Batcher train = streamed.trainBatcher(manager);
            train.plan(EpochOrder.batches(streamed.train().size(), 2, 0, 0));
            train.batch(manager, EpochOrder.batches(streamed.train().size(), 2, 0, 0).get(0), true, new Random(0));
            assertTrue(TestFiles.decodingThreads() > 0, "decoding ahead");
            train.close();
            assertEquals(0, TestFiles.decodingThreads(), "every decoding thread ended: " + TestFiles.decodingThreadNames());
        }
    }

    @Test
    void autoStreamsOnlyImageSetsTooLargeToHoldAndSettingsAreChecked() throws Exception {
        TestFiles.png(dir.resolve("a.png"), 4, 4, 0x102030);
        Path small = Files.writeString(dir.resolve("small.txt"), "a.png 0\n".repeat(100));
        Path large = Files.writeString(dir.resolve("large.txt"), "a.png 0\n".repeat(800));
        // indexing reads the lists, never an image: 100 and 800 images of 3 MiB at 1024 x 1024
        LabeledData hundred = ImageListReader.index(small, dir, 1024, 0);
        LabeledData eightHundred = ImageListReader.index(large, dir, 1024, 0);
        ImageStreaming auto = ImageStreaming.parse("auto", DatasetKind.IMAGELIST);
        assertFalse(auto.streams(hundred, null), "300 MiB: held");
        assertTrue(auto.streams(hundred, hundred), "600 MiB over training and test: streamed");
        assertTrue(auto.streams(eightHundred, null), "2.3 GiB, more than one array holds: streamed");
        assertTrue(ImageStreaming.parse("on", DatasetKind.IMAGEFOLDER).streams(hundred));
        assertFalse(ImageStreaming.parse("off", DatasetKind.IMAGEFOLDER).streams(hundred));
        InvalidSettingException tooLarge = assertThrows(InvalidSettingException.class,
                () -> ImageStreaming.parse("off", DatasetKind.IMAGELIST).streams(eightHundred));
        assertEquals("stream", tooLarge.setting());
        assertTrue(tooLarge.getMessage().contains("2.3 GiB decoded, more than one array holds"), tooLarge.getMessage());
        assertEquals("stream", assertThrows(InvalidSettingException.class,
                () -> ImageStreaming.parse("on", DatasetKind.CSV)).setting());
        assertEquals("stream", assertThrows(InvalidSettingException.class,
                () -> ImageStreaming.parse("sometimes", DatasetKind.IMAGELIST)).setting());
        assertFalse(load(TestFiles.imageFolder(dir.resolve("tree"), new int[] {4, 2}, 1, 8, 4), "auto").train().isStreamed(),
                "a small folder is held by default");
    }
}
