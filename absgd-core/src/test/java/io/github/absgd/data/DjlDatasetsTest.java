package io.github.absgd.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Record;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.github.absgd.train.Method;
import io.github.absgd.train.ProgressListener;
import io.github.absgd.train.RunSpec;
import io.github.absgd.train.TrainingRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DJL data sets as our {@link Samples} ({@link DjlSamples}) and our samples as DJL data sets ({@link SamplesDataset}). */
class DjlDatasetsTest {

    private static final long[] COUNTS = {160, 48, 16};
    private static final int FEATURES = 4;

    @TempDir
    Path tmp;

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /** Gaussian blobs: feature j is shifted for class j. */
    private static float[][] features(int[] labels, long seed) {
        Random random = new Random(seed);
        float[][] x = new float[labels.length][FEATURES];
        for (int i = 0; i < labels.length; i++) {
            for (int j = 0; j < FEATURES; j++) {
                x[i][j] = (float) random.nextGaussian() + (j == labels[i] ? 2.5f : 0f);
            }
        }
        return x;
    }

    private static int[] labels(long[] counts) {
        List<Integer> all = new ArrayList<>();
        for (int c = 0; c < counts.length; c++) {
            for (int k = 0; k < counts[c]; k++) {
                all.add(c);
            }
        }
        java.util.Collections.shuffle(all, new Random(3));
        return all.stream().mapToInt(Integer::intValue).toArray();
    }

    private ArrayDataset arrayDataset(float[][] x, int[] y) {
        return new ArrayDataset.Builder().setData(manager.create(x)).optLabels(manager.create(y))
                .setSampling(32, true).build();
    }

    @Test
    void aDjlDatasetTrainsARunAsOurSamples() throws Exception {
        int[] y = labels(COUNTS);
        float[][] x = features(y, 1);
        long[] testCounts = {30, 30, 30};
        int[] testY = labels(testCounts);
        DataBundle bundle = DjlSamples.bundle(arrayDataset(x, y), arrayDataset(features(testY, 2), testY), 3);

        assertArrayEquals(y, bundle.train().labels(), "labels read once, in order");
        assertArrayEquals(y, bundle.train().trueLabels());
        assertArrayEquals(COUNTS, bundle.trainCounts());
        assertEquals(List.of((long) FEATURES), bundle.inputShape());
        int[] indices = {5, 0, 200, 5};
        NDList batch = bundle.train().batch(manager, indices, true, 9);
        assertEquals(DataType.FLOAT32, batch.get(0).getDataType());
        assertEquals(DataType.INT64, batch.get(1).getDataType());
        assertEquals(new Shape(4, FEATURES), batch.get(0).getShape());
        float[] values = batch.get(0).toFloatArray();
        long[] batchLabels = batch.get(1).toLongArray();
        for (int i = 0; i < indices.length; i++) {
            assertArrayEquals(x[indices[i]], java.util.Arrays.copyOfRange(values, i * FEATURES, (i + 1) * FEATURES));
            assertEquals(y[indices[i]], batchLabels[i]);
        }

        RunSpec spec = RunSpec.builder().model("mlp").hidden(List.of(16)).method(Method.ABSGD).epochs(8).batchSize(32).lr(0.1)
                .warmupEpochs(0).lrMilestones(List.of(6)).stage2Epoch(6).lambda(1.0).threads(1).seed(7).build();
        Path out = tmp.resolve("run");
        TrainingRun.Outcome outcome = TrainingRun.run(spec, bundle, out, false, ProgressListener.SILENT);
        assertEquals(TrainingRun.Status.FINISHED, outcome.status());
        List<String> metrics = Files.readAllLines(out.resolve("metrics.jsonl"));
        assertEquals(8, metrics.size());
        com.fasterxml.jackson.databind.JsonNode last = new com.fasterxml.jackson.databind.ObjectMapper().readTree(metrics.get(7));
        assertTrue(last.get("ess_fraction").isNumber(), "stage 2 was weighted: " + last);
        assertTrue(outcome.results().metrics().balancedAccuracy() > 0.6, "it learned: " + outcome.results().metrics());
    }

    @Test
    void aLabelThatIsNoClassIndexIsRefused() {
        ArrayDataset halves = new ArrayDataset.Builder().setData(manager.ones(new Shape(3, 2)))
                .optLabels(manager.create(new float[] {0f, 1.5f, 1f})).setSampling(2, false).build();
        BadDataException e = assertThrows(BadDataException.class, () -> DjlSamples.of(halves, "halves"));
        assertTrue(e.getMessage().startsWith("halves: sample 1 has label 1.5"), e.getMessage());
        ArrayDataset fine = new ArrayDataset.Builder().setData(manager.ones(new Shape(3, 2)))
                .optLabels(manager.create(new float[] {0f, 2f, 1f})).setSampling(2, false).build();
        assertThrows(BadDataException.class, () -> DjlSamples.of(fine).classCounts(2), "label 2 of 2 classes");
    }

    @Test
    void aBatchGoesThroughTheDatasetsOwnPipeline() {
        ArrayDataset doubled = new ArrayDataset.Builder().setData(manager.arange(6f).reshape(3, 2))
                .optLabels(manager.create(new long[] {2, 0, 1})).addTransform(array -> array.mul(2)).setSampling(2, false).build();
        DjlSamples samples = DjlSamples.of(doubled);
        assertArrayEquals(new int[] {2, 0, 1}, samples.labels());
        NDList batch = samples.batch(manager, new int[] {2, 0}, false, 0);
        assertArrayEquals(new float[] {8f, 10f, 0f, 2f}, batch.get(0).toFloatArray(), "the transform applied");
        assertArrayEquals(new long[] {1, 2}, batch.get(1).toLongArray());
    }

    /** Deterministic samples: input i is (i, i + 0.5, -i), its label i mod 3; augmentation adds the seed's low bits. */
    private static final class Counting implements Samples {
        final List<Long> seeds = new ArrayList<>();

        @Override
        public int size() {
            return 23;
        }

        @Override
        public int[] labels() {
            return java.util.stream.IntStream.range(0, size()).map(i -> i % 3).toArray();
        }

        @Override
        public int[] trueLabels() {
            return labels();
        }

        @Override
        public NDList batch(NDManager target, int[] indices, boolean augment, long seed) {
            if (augment) {
                seeds.add(seed);
            }
            float[][] x = new float[indices.length][];
            long[] y = new long[indices.length];
            for (int k = 0; k < indices.length; k++) {
                int i = indices[k];
                x[k] = new float[] {i, i + 0.5f, -i + (augment ? (seed & 7) : 0)};
                y[k] = i % 3;
            }
            return new NDList(target.create(x), target.create(y));
        }
    }

    @Test
    void ourSamplesIterateAsADjlDataset() throws Exception {
        Counting samples = new Counting();
        SamplesDataset dataset = SamplesDataset.builder(samples).setSampling(5, true).build();
        assertEquals(23, dataset.size());
        int seen = 0;
        boolean[] covered = new boolean[23];
        for (Batch batch : dataset.getData(manager)) {
            int[] indices = batch.getIndices().stream().mapToInt(i -> ((Long) i).intValue()).toArray();
            NDList expected = samples.batch(manager, indices, false, 0);
            assertEquals(new Shape(indices.length, 3), batch.getData().head().getShape());
            assertArrayEquals(expected.get(0).toFloatArray(), batch.getData().head().toFloatArray());
            assertEquals(new Shape(indices.length), batch.getLabels().head().getShape());
            assertEquals(DataType.INT64, batch.getLabels().head().getDataType());
            assertArrayEquals(expected.get(1).toLongArray(), batch.getLabels().head().toLongArray());
            for (int i : indices) {
                covered[i] = true;
            }
            seen += indices.length;
            batch.close();
        }
        assertEquals(23, seen);
        assertTrue(java.util.stream.IntStream.range(0, 23).allMatch(i -> covered[i]), "every sample once");
        assertTrue(samples.seeds.isEmpty(), "no augmentation unless asked");

        Record record = dataset.get(manager, 7);
        assertArrayEquals(new float[] {7f, 7.5f, -7f}, record.getData().head().toFloatArray());
        assertEquals(new Shape(), record.getLabels().head().getShape());
        assertEquals(1L, record.getLabels().head().getLong());
    }

    @Test
    void aDjlDatasetRoundTripsThroughOurSamples() throws Exception {
        int[] y = labels(COUNTS);
        float[][] x = features(y, 1);
        SamplesDataset back = SamplesDataset.builder(DjlSamples.of(arrayDataset(x, y))).setSampling(32, false).build();
        int row = 0;
        for (Batch batch : back.getData(manager)) {
            float[] values = batch.getData().head().toFloatArray();
            long[] labels = batch.getLabels().head().toLongArray();
            for (int k = 0; k < batch.getSize(); k++, row++) {
                assertArrayEquals(x[row], java.util.Arrays.copyOfRange(values, k * FEATURES, (k + 1) * FEATURES));
                assertEquals(y[row], labels[k]);
            }
            batch.close();
        }
        assertEquals(y.length, row);
    }

    @Test
    void augmentationIsSeededPerBatchAndPass() throws Exception {
        List<List<Long>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            Counting samples = new Counting();
            SamplesDataset dataset = SamplesDataset.builder(samples).setSampling(5, false).optAugment(true).optSeed(11).build();
            for (int pass = 0; pass < 2; pass++) {
                for (Batch batch : dataset.getData(manager)) {
                    batch.close();
                }
            }
            assertEquals(10, samples.seeds.size(), "5 batches a pass, all augmented");
            assertEquals(10, samples.seeds.stream().distinct().count(), "a seed of its own for every batch of every pass");
            runs.add(samples.seeds);
        }
        assertEquals(runs.get(0), runs.get(1), "the same seeds again");
    }

    @Test
    void easyTrainFitsOnOurSamples() throws Exception {
        int[] y = labels(COUNTS);
        float[][] x = features(y, 1);
        DjlSamples samples = DjlSamples.of(arrayDataset(x, y));
        SamplesDataset dataset = SamplesDataset.builder(samples).setSampling(32, true).build();
        ai.djl.engine.Engine.getInstance().setRandomSeed(0);
        try (Model model = Model.newInstance("samples-dataset")) {
            model.setBlock(new SequentialBlock().add(Linear.builder().setUnits(16).build()).add(Activation.reluBlock())
                    .add(Linear.builder().setUnits(3).build()));
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, FEATURES));
                float before = meanLoss(trainer, x, y);
                EasyTrain.fit(trainer, 5, dataset, null);
                float after = meanLoss(trainer, x, y);
                assertTrue(after < 0.7f * before, "EasyTrain learned from our samples: " + before + " -> " + after);
            }
        }
    }

    private float meanLoss(Trainer trainer, float[][] x, int[] y) {
        try (NDManager scope = trainer.getManager().newSubManager()) {
            NDArray logits = trainer.evaluate(new NDList(scope.create(x))).head();
            return Loss.softmaxCrossEntropyLoss().evaluate(new NDList(scope.create(y)), new NDList(logits)).getFloat();
        }
    }
}
