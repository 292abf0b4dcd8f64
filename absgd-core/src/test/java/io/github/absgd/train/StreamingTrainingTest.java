package io.github.absgd.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.github.absgd.data.BadDataException;
import io.github.absgd.data.DataBundles;
import io.github.absgd.data.DataSpec;
import io.github.absgd.data.TestFiles;
import io.github.absgd.model.ClassifierModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training on streamed image files: the same run as on images held in memory, and no decoding thread left behind. */
class StreamingTrainingTest {

    @TempDir Path tmp;

    @AfterEach
    void clearInterrupt() {
        Interrupts.request(false);
    }

    /** small-cnn, 2 epochs of 12x12 images, ABSGD-DRW from epoch 1, so weights, DRW and the test set all read the data. */
    private RunSpec spec(Path tree, String stream) {
        DataSpec data = DataSpec.builder().dataset("imagefolder").dataDir(tree).imageSize(12).imbalance(5).valFraction(0.2)
                .stream(stream).build();
        return RunSpec.builder().model("small-cnn").method(Method.ABSGD_DRW).epochs(2).batchSize(8).lr(0.05).warmupEpochs(0)
                .lrMilestones(List.of(1)).stage2Epoch(1).lambda(1.0).threads(1).seed(5).data(data).build();
    }

    private Path folder() throws Exception {
        return TestFiles.imageFolder(tmp.resolve("tree"), new int[] {30, 20, 12, 8}, 4, 12, 9);
    }

    @Test
    void aStreamedRunEndsBitForBitAsARunOnImagesHeldInMemory() throws Exception {
        Path tree = folder();
        RunResults held = train(spec(tree, "off"), tmp.resolve("held"));
        RunResults streamed = train(spec(tree, "on"), tmp.resolve("streamed"));
        assertArrayEquals(held.trainCounts(), streamed.trainCounts());
        assertEquals(SharedStage1Test.withoutTimes(held.history()), SharedStage1Test.withoutTimes(streamed.history()),
                "every epoch's metrics, validation included, bit for bit");
        assertArrayEquals(held.metrics().perClass(), streamed.metrics().perClass());
        assertEquals(held.logU(), streamed.logU());
        Map<String, float[]> heldArrays = parameters(spec(tree, "off"), tmp.resolve("held"));
        Map<String, float[]> streamedArrays = parameters(spec(tree, "on"), tmp.resolve("streamed"));
        assertEquals(heldArrays.keySet(), streamedArrays.keySet());
        heldArrays.forEach((name, values) -> assertArrayEquals(values, streamedArrays.get(name), "the final " + name));
        assertEquals(0, TestFiles.decodingThreads(), TestFiles.decodingThreadNames());
    }

    @Test
    void anImageThatBreaksMidRunStopsItNamingTheFileAndItsDecodingThreadsEnd() throws Exception {
        Path tree = folder();
        RunSpec spec = spec(tree, "on");
        try (DataBundles data = DataBundles.load(spec.data())) { // measures the images: all whole here
            Path broken = tree.resolve("train/c0/003.png");
            Files.writeString(broken, "truncated");
            BadDataException e = assertThrows(BadDataException.class,
                    () -> TrainingRun.run(spec, data.bundle(), tmp.resolve("run"), false, ProgressListener.SILENT));
            assertTrue(e.getMessage().startsWith(broken.toString()) && e.getMessage().contains("cannot decode image"),
                    e.getMessage());
            awaitNoDecodingThreads("after the failure, the data still open");
        }
    }

    @Test
    void aStoppedRunLeavesNoDecodingThreads() throws Exception {
        RunSpec spec = spec(folder(), "on");
        ProgressListener stopAtOnce = new ProgressListener() {
            @Override
            public void batchFinished(double loss, double imagesPerSecond) {
                Interrupts.request(true);
            }
        };
        try (DataBundles data = DataBundles.load(spec.data())) {
            assertEquals(TrainingRun.Status.INTERRUPTED, TrainingRun.run(spec, data.bundle(), tmp.resolve("run"), false, stopAtOnce)
                    .status());
            awaitNoDecodingThreads("after the stop, the data still open");
        }
    }

    /** Decoding threads end once idle (2 s), without waiting for the data to be closed. */
    private static void awaitNoDecodingThreads(String when) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (TestFiles.decodingThreads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(0, TestFiles.decodingThreads(), when + ": " + TestFiles.decodingThreadNames());
    }

    private static RunResults train(RunSpec spec, Path out) {
        try (DataBundles data = DataBundles.load(spec.data())) {
            assertFalse(data.bundle().train().size() == 0);
            return TrainingRun.run(spec, data.bundle(), out, false, ProgressListener.SILENT).results();
        }
    }

    /** Every array of a finished run's checkpoint (weights and BatchNorm statistics), by parameter name. */
    private static Map<String, float[]> parameters(RunSpec spec, Path run) {
        ClassifierModel network = TrainingRun.network(spec, 4, List.of(3L, 12L, 12L));
        try (NDManager manager = NDManager.newBaseManager()) {
            network.initialize(manager, spec.init());
            CheckpointFile.load(run.resolve(CheckpointFile.FILE_NAME), spec.model(), network.block(), null, manager);
            Map<String, float[]> arrays = new LinkedHashMap<>();
            for (Pair<String, Parameter> p : network.block().getParameters()) {
                arrays.put(p.getKey(), p.getValue().getArray().toFloatArray());
            }
            return arrays;
        }
    }
}
