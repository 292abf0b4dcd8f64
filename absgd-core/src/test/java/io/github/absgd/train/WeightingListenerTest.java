package io.github.absgd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.training.tracker.Tracker;
import io.github.absgd.AttentionalTraining;
import io.github.absgd.core.AttentionalWeighting;
import io.github.absgd.loss.AttentionalLoss;
import io.github.absgd.loss.CrossEntropy;
import io.github.absgd.optim.Absgd;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link WeightingListener} under {@code EasyTrain.fit} and a hand-written loop, against the weights it watched. */
class WeightingListenerTest {

    private static final int N = 300;
    private static final int BATCH = 32;
    /** Classes 0..3: 200, 60, 30, 10 samples; the three smallest are 1, 2, 3. */
    private static final long[] COUNTS = {200, 60, 30, 10};

    private final float[][] x = new float[N][2];
    private final int[] y = new int[N];

    WeightingListenerTest() {
        Random random = new Random(4);
        int i = 0;
        for (int c = 0; c < COUNTS.length; c++) {
            for (int k = 0; k < COUNTS[c]; k++, i++) {
                y[i] = c;
                x[i][0] = (float) (random.nextGaussian() + Math.cos(c * 1.5) * 2);
                x[i][1] = (float) (random.nextGaussian() + Math.sin(c * 1.5) * 2);
            }
        }
    }

    /** The test's own sums over the batches it saw, with the formulas of metrics.jsonl. */
    private static final class Expected extends TrainingListenerAdapter {
        private final AttentionalLoss loss;
        private final List<double[]> epochs = new ArrayList<>();
        private double essSum;
        private double maxShare;
        private double weightSum;
        private double tailSum;
        private int batches;
        private AttentionalLoss.LastBatch seen;

        Expected(AttentionalLoss loss) {
            this.loss = loss;
        }

        @Override
        public void onTrainingBatch(Trainer trainer, BatchData batchData) {
            AttentionalLoss.LastBatch last = loss.lastBatch();
            if (last == seen || last.lambda() == null) {
                return;
            }
            seen = last;
            float[] p = last.weights().toFloatArray();
            long[] labels = last.labels().toType(ai.djl.ndarray.types.DataType.INT64, false).toLongArray();
            double sum = 0;
            double squares = 0;
            double max = 0;
            for (int i = 0; i < p.length; i++) {
                sum += p[i];
                squares += p[i] * (double) p[i];
                max = Math.max(max, p[i]);
                tailSum += labels[i] == 0 ? 0 : p[i];
            }
            weightSum += sum;
            essSum += sum * sum / squares / p.length;
            maxShare = Math.max(maxShare, max / sum);
            batches++;
        }

        @Override
        public void onEpoch(Trainer trainer) {
            epochs.add(batches == 0 ? null : new double[] {essSum / batches, maxShare, tailSum / weightSum, batches});
            essSum = 0;
            maxShare = 0;
            weightSum = 0;
            tailSum = 0;
            batches = 0;
        }
    }

    private static SequentialBlock mlp() {
        return new SequentialBlock().add(Linear.builder().setUnits(16).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(COUNTS.length).build());
    }

    private static void assertMatches(double[] expected, WeightingListener.EpochReport report) {
        assertEquals((int) expected[3], report.weightedBatches());
        assertEquals(expected[0], report.essFraction(), 1e-6, "ess fraction");
        assertEquals(expected[1], report.maxWeight(), 1e-6, "max weight");
        assertEquals(expected[2], report.tailWeightShare(), 1e-6, "tail weight share");
        assertTrue(report.essFraction() > 1.0 / BATCH && report.essFraction() <= 1.0 + 1e-6, "ESS in (1/b, 1]: " + report);
        assertTrue(report.maxWeight() >= 1.0 / BATCH - 1e-6 && report.maxWeight() < 1.0, report.toString());
        assertTrue(report.tailWeightShare() > 0 && report.tailWeightShare() < 1.0, report.toString());
        assertTrue(Double.isFinite(report.logU()), report.toString());
    }

    @Test
    void easyTrainFitReportsStageTwo() throws Exception {
        AttentionalWeighting weighting = AttentionalWeighting.builder().lambda(null).gamma(0.7).alpha(0.5).build();
        DefaultTrainingConfig config = AttentionalTraining.absgd(new CrossEntropy(), weighting,
                Absgd.builder().learningRate(Tracker.fixed(0.05f)).momentum(0.9f));
        WeightingListener listener = WeightingListener.addTo(config, COUNTS);
        Expected expected = new Expected((AttentionalLoss) config.getLossFunction());
        config.addTrainingListeners(expected);
        ai.djl.engine.Engine.getInstance().setRandomSeed(0);
        try (NDManager manager = NDManager.newBaseManager(); Model model = Model.newInstance("listener")) {
            ArrayDataset data = new ArrayDataset.Builder().setData(manager.create(x)).optLabels(manager.create(y))
                    .setSampling(BATCH, true).build();
            model.setBlock(mlp());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, 2));
                EasyTrain.fit(trainer, 2, data, null); // stage 1: ERM
                weighting.setLambda(1.0);
                EasyTrain.fit(trainer, 2, data, null); // stage 2: ABSGD
            }
        }
        List<WeightingListener.EpochReport> reports = listener.reports();
        assertEquals(4, reports.size());
        for (WeightingListener.EpochReport erm : reports.subList(0, 2)) {
            assertNull(erm.lambda());
            assertNull(erm.logU(), "nothing under ERM: " + erm);
            assertNull(erm.essFraction());
            assertNull(erm.maxWeight());
            assertNull(erm.tailWeightShare());
            assertEquals(0, erm.weightedBatches());
        }
        for (int e = 2; e < 4; e++) {
            assertEquals(e + 1, reports.get(e).epoch());
            assertEquals(1.0, reports.get(e).lambda());
            assertMatches(expected.epochs.get(e), reports.get(e));
        }
        assertEquals(weighting.logU(), reports.get(3).logU(), "log u after the last epoch");
        assertTrue(!reports.get(2).logU().equals(reports.get(3).logU()), "u moved");
    }

    @Test
    void aHandWrittenLoopReportsThroughNotifyListeners() {
        AttentionalWeighting weighting = AttentionalWeighting.builder().lambda(null).gamma(0.7).alpha(0.5).build();
        List<WeightingListener.EpochReport> sunk = new ArrayList<>();
        DefaultTrainingConfig config = AttentionalTraining.absgd(new CrossEntropy(), weighting,
                Absgd.builder().learningRate(Tracker.fixed(0.05f)).momentum(0.9f));
        AttentionalLoss loss = (AttentionalLoss) config.getLossFunction();
        WeightingListener listener = new WeightingListener(loss, COUNTS, sunk::add);
        WeightingListener withoutCounts = new WeightingListener(loss);
        Expected expected = new Expected(loss);
        config.addTrainingListeners(listener, withoutCounts, expected);
        ai.djl.engine.Engine.getInstance().setRandomSeed(0);
        try (Model model = Model.newInstance("listener-loop")) {
            model.setBlock(mlp());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(BATCH, 2));
                for (int epoch = 0; epoch < 3; epoch++) {
                    if (epoch == 1) {
                        weighting.setLambda(2.0);
                    }
                    for (int start = 0; start < N; start += BATCH) {
                        int end = Math.min(N, start + BATCH);
                        try (NDManager batch = trainer.getManager().newSubManager()) {
                            NDArray features = batch.create(Arrays.copyOfRange(x, start, end));
                            NDArray labels = batch.create(Arrays.copyOfRange(y, start, end));
                            try (GradientCollector collector = trainer.newGradientCollector()) {
                                NDList logits = trainer.forward(new NDList(features));
                                collector.backward(trainer.getLoss().evaluate(new NDList(labels), logits));
                            }
                            trainer.step();
                            trainer.notifyListeners(l -> l.onTrainingBatch(trainer, null));
                            trainer.notifyListeners(l -> l.onTrainingBatch(trainer, null)); // a second call counts nothing
                        }
                    }
                    trainer.notifyListeners(l -> l.onEpoch(trainer));
                }
            }
        }
        assertEquals(listener.reports(), sunk, "each report given to the sink");
        assertEquals(3, sunk.size());
        assertNull(sunk.get(0).essFraction());
        assertEquals(10, sunk.get(1).weightedBatches(), "each batch once");
        for (int e = 1; e < 3; e++) {
            assertMatches(expected.epochs.get(e), sunk.get(e));
            WeightingListener.EpochReport plain = withoutCounts.reports().get(e);
            assertNull(plain.tailWeightShare(), "no counts, no tail share");
            assertEquals(sunk.get(e).essFraction(), plain.essFraction());
            assertEquals(sunk.get(e).maxWeight(), plain.maxWeight());
        }
        assertEquals(weighting.logU(), listener.lastReport().logU());
    }

    @Test
    void onlyAnAttentionalLossCanBeWatched() {
        assertThrows(IllegalArgumentException.class, () -> new WeightingListener(AttentionalLoss.mean(new CrossEntropy())));
        DefaultTrainingConfig plain = new DefaultTrainingConfig(ai.djl.training.loss.Loss.softmaxCrossEntropyLoss());
        assertThrows(IllegalArgumentException.class, () -> WeightingListener.addTo(plain, null));
    }
}
