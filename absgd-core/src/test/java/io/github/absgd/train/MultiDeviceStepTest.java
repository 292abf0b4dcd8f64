package io.github.absgd.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.tracker.Tracker;
import io.github.absgd.AttentionalTraining;
import io.github.absgd.core.AttentionalWeighting;
import io.github.absgd.loss.AttentionalLoss;
import io.github.absgd.loss.CrossEntropy;
import io.github.absgd.optim.AbAdam;
import io.github.absgd.optim.Absgd;
import io.github.absgd.optim.GradientCheck;
import io.github.absgd.optim.StatefulOptimizer;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Training on k devices gives the update of the whole batch on one: the batch split over k
 * parameter copies (DJL's trainer, batch split and parameter server, the devices simulated on the
 * CPU by {@link CpuDeviceCopies}) against one device, step for step.
 */
class MultiDeviceStepTest {

    private static final int FEATURES = 6;
    private static final int CLASSES = 4;
    private static final int BATCH = 10; // 3 devices: parts of 3, 3 and 4
    private static final int STEPS = 3;

    /** A step's driver: what the test trains with, given the trainer, its loss and one batch. */
    private interface Stepper {
        void step(Trainer trainer, AttentionalLoss loss, NDArray x, NDArray y);
    }

    @ParameterizedTest(name = "{0} with {1} on {2} devices")
    @CsvSource({"ATTENTIONAL, sgd, 2", "ATTENTIONAL, adam, 3", "ERM, adam, 2", "MEAN, sgd, 3", "CLASS_WEIGHTED_MEAN, sgd, 3"})
    void severalDevicesGiveTheWholeBatchsUpdate(String reduction, String optimizer, int devices) {
        Trained one = train(reduction, optimizer, 1, TrainStep::run);
        Trained several = train(reduction, optimizer, devices, MultiDeviceStep::run);
        for (int i = 0; i < one.parameters().length; i++) {
            for (int copy = 0; copy < devices; copy++) {
                assertArrayEquals(one.parameters()[i][0], several.parameters()[i][copy], 2e-6f,
                        "parameter " + i + ", device " + copy + ", after " + STEPS + " steps");
            }
        }
        assertEquals(one.logU(), several.logU(), 1e-6, "log u");
        assertTrue(!reduction.equals("ATTENTIONAL") || Double.isFinite(one.logU()), "u moved");
        assertEquals(STEPS, several.stepCount(), "optimizer steps of a parameter");
    }

    @Test
    void attentionalTrainingFitSplitsDjlBatchesAsOneDevice() {
        Trained one = train("ATTENTIONAL", "adam", 1, TrainStep::run);
        Trained several = train("ATTENTIONAL", "adam", 3, MultiDeviceStepTest::fitOneBatch);
        for (int i = 0; i < one.parameters().length; i++) {
            for (int copy = 0; copy < 3; copy++) {
                assertArrayEquals(one.parameters()[i][0], several.parameters()[i][copy], 2e-6f, "parameter " + i);
            }
        }
        assertEquals(one.logU(), several.logU(), 1e-6, "log u");
    }

    @Test
    void easyTrainOnSeveralDevicesIsRefused() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> train("ATTENTIONAL", "sgd", 2, MultiDeviceStepTest::easyTrainFit));
        assertTrue(refused.getMessage().contains("AttentionalTraining.fit"), refused.getMessage());
    }

    /** What the guard refuses: DJL's split weighs each part by its own normaliser (and would pass unnoticed). */
    @Test
    void easyTrainsOwnSplitIsNotTheWholeBatchsUpdate() {
        Trained one = train("ATTENTIONAL", "sgd", 1, TrainStep::run);
        Trained djl = train("ATTENTIONAL", "sgd", 2, MultiDeviceStepTest::easyTrainFit, false);
        assertTrue(Math.abs(one.logU() - djl.logU()) > 1e-3, "log u " + one.logU() + " against " + djl.logU());
    }

    private static void easyTrainFit(Trainer trainer, AttentionalLoss loss, NDArray x, NDArray y) {
        try {
            EasyTrain.fit(trainer, 1, dataset(x, y), null);
        } catch (java.io.IOException | ai.djl.translate.TranslateException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void fitOneBatch(Trainer trainer, AttentionalLoss loss, NDArray x, NDArray y) {
        try {
            AttentionalTraining.fit(trainer, 1, dataset(x, y), null);
        } catch (java.io.IOException | ai.djl.translate.TranslateException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The batch as a DJL data set of one batch, in order. */
    private static ArrayDataset dataset(NDArray x, NDArray y) {
        return new ArrayDataset.Builder().setData(x).optLabels(y).setSampling(BATCH, false).build();
    }

    private record Trained(float[][][] parameters, double logU, int stepCount) {}

    /** {@link #STEPS} steps of a two-layer network without BatchNorm from a fixed start, on {@code devices} parameter copies. */
    private static Trained train(String reduction, String optimizer, int devices, Stepper stepper) {
        return train(reduction, optimizer, devices, stepper, true);
    }

    /** The same, with or without the listener that refuses DJL's per-part loss on several devices. */
    private static Trained train(String reduction, String optimizer, int devices, Stepper stepper, boolean guard) {
        AttentionalWeighting weighting = AttentionalWeighting.builder().gamma(0.7).alpha(0.5)
                .lambda(reduction.equals("ATTENTIONAL") ? 1.0 : null).build();
        AttentionalLoss loss = switch (reduction) {
            case "ATTENTIONAL", "ERM" -> AttentionalLoss.attentional(new CrossEntropy(), weighting);
            case "MEAN" -> AttentionalLoss.mean(new CrossEntropy());
            default -> AttentionalLoss.classWeightedMean(new CrossEntropy().withClassWeights(new float[] {0.5f, 1f, 1.5f, 1f}));
        };
        StatefulOptimizer step = optimizer.equals("adam")
                ? AbAdam.builder().learningRate(Tracker.fixed(0.01f)).weightDecay(5e-4f).weighting(weighting).build()
                : Absgd.builder().learningRate(Tracker.fixed(0.1f)).momentum(0.9f).weightDecay(5e-4f).weighting(weighting).build();
        Block block = new SequentialBlock().add(Linear.builder().setUnits(8).build()).add(Activation::relu)
                .add(Linear.builder().setUnits(CLASSES).build());
        try (Model model = Model.newInstance("devices")) {
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, FEATURES));
            FixedStart.gaussian(block, 3, 0.5);
            DefaultTrainingConfig config = new DefaultTrainingConfig(loss).optOptimizer(step);
            if (guard) {
                config.addTrainingListeners(new PerDeviceLossGuard());
            }
            try (Trainer trainer = model.newTrainer(config)) {
                if (devices > 1) {
                    CpuDeviceCopies.install(trainer, step, devices);
                }
                trainer.initialize(new Shape(1, FEATURES));
                GradientCheck.disable(trainer);
                Random data = new Random(5);
                for (int s = 0; s < STEPS; s++) {
                    try (NDManager batch = trainer.getManager().newSubManager()) {
                        float[] features = new float[BATCH * FEATURES];
                        float[] labels = new float[BATCH];
                        for (int i = 0; i < features.length; i++) {
                            features[i] = (float) (data.nextGaussian() * (1 + i / FEATURES / 4.0)); // later rows: larger losses
                        }
                        for (int i = 0; i < BATCH; i++) {
                            labels[i] = data.nextInt(CLASSES);
                        }
                        stepper.step(trainer, loss, batch.create(features, new Shape(BATCH, FEATURES)),
                                batch.create(labels).toType(DataType.INT64, false));
                    }
                }
                return new Trained(copies(trainer, block, devices), weighting.logU(),
                        step.stepCount(block.getParameters().get(0).getValue().getId()));
            }
        }
    }

    /** Each parameter's values on each device. */
    private static float[][][] copies(Trainer trainer, Block block, int devices) {
        float[][][] out = new float[block.getParameters().size()][devices][];
        Map<String, NDArray[]> copies = devices > 1 ? CpuDeviceCopies.of(trainer) : null;
        for (int i = 0; i < out.length; i++) {
            NDArray own = block.getParameters().get(i).getValue().getArray();
            for (int copy = 0; copy < devices; copy++) {
                out[i][copy] = (copies == null ? own : copies.get(block.getParameters().get(i).getValue().getId())[copy]).toFloatArray();
            }
        }
        return out;
    }
}
