package io.github.absgd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.github.absgd.UserError;
import io.github.absgd.model.ClassifierModel;
import io.github.absgd.model.ModelSpec;
import io.github.absgd.model.Models;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two-stage training: stage 2 from a stage-1 checkpoint, training all, the classifier, or the last block too. */
class StageTwoTest {

    @TempDir
    Path tmp;

    private Path stageOne() {
        RunConfig config = TrainingRunTest.small("ce");
        config.epochs = 2;
        config.hidden = List.of(16, 12);
        Path out = tmp.resolve("stage1");
        TrainingRun.run(config, TrainingRunTest.data(), out, false, ProgressListener.SILENT);
        return out;
    }

    private RunConfig stageTwo(Path from, String finetune, boolean reinit) {
        RunConfig config = TrainingRunTest.small("absgd-drw");
        config.hidden = List.of(16, 12);
        config.epochs = 2;
        config.stage2Epoch = 0;
        config.warmupEpochs = 0;
        config.lr = 0.01;
        config.from = from.toString();
        config.finetune = finetune;
        config.reinitClassifier = reinit;
        return config;
    }

    /** Parameter values by name, read from a run's checkpoint into a fresh mlp. */
    private static Map<String, float[]> parameters(Path run) {
        ClassifierModel network = Models.create("mlp", ModelSpec.tabular(8, 4).withHiddenSizes(List.of(16, 12)));
        try (NDManager manager = NDManager.newBaseManager()) {
            network.initialize(manager);
            CheckpointFile.load(run.resolve(CheckpointFile.FILE_NAME), "mlp", network.block(), null, manager);
            Map<String, float[]> values = new HashMap<>();
            for (Pair<String, Parameter> p : network.block().getParameters()) {
                values.put(p.getKey(), p.getValue().getArray().toFloatArray());
            }
            return values;
        }
    }

    private static List<String> headNames() {
        ClassifierModel network = Models.create("mlp", ModelSpec.tabular(8, 4).withHiddenSizes(List.of(16, 12)));
        try (NDManager manager = NDManager.newBaseManager()) {
            network.initialize(manager);
            return network.head().getParameters().keys().stream().toList();
        }
    }

    @Test
    void classifierOnlyChangesOnlyTheHead() {
        Path from = stageOne();
        Path out = tmp.resolve("classifier");
        TrainingRun.run(stageTwo(from, "classifier", false), TrainingRunTest.data(), out, false, ProgressListener.SILENT);
        Map<String, float[]> before = parameters(from);
        Map<String, float[]> after = parameters(out);
        int changed = 0;
        for (String name : before.keySet()) {
            boolean same = Arrays.equals(before.get(name), after.get(name));
            boolean inHead = headNames().stream().anyMatch(name::endsWith);
            if (inHead) {
                changed += same ? 0 : 1;
            } else if (!name.contains("running")) {
                assertTrue(same, name + " is frozen in classifier-only fine-tuning");
            }
        }
        assertTrue(changed > 0, "the head trained");
    }

    @Test
    void lastBlockAndAllTrainMoreThanTheHead() {
        Path from = stageOne();
        Map<String, float[]> before = parameters(from);
        for (String mode : new String[] {"last-block", "all"}) {
            Path out = tmp.resolve(mode);
            TrainingRun.run(stageTwo(from, mode, true), TrainingRunTest.data(), out, false, ProgressListener.SILENT);
            Map<String, float[]> after = parameters(out);
            long changed = before.keySet().stream().filter(n -> !Arrays.equals(before.get(n), after.get(n))).count();
            long frozenUnchanged = before.keySet().stream().filter(n -> Arrays.equals(before.get(n), after.get(n))).count();
            if (mode.equals("all")) {
                assertEquals(0, frozenUnchanged, "every parameter trains");
            } else {
                assertTrue(changed >= 4 && frozenUnchanged >= 2, mode + ": changed " + changed + ", unchanged " + frozenUnchanged);
            }
        }
    }

    @Test
    void aCheckpointOfAnotherModelIsRefused() {
        Path from = stageOne();
        RunConfig config = stageTwo(from, "classifier", false);
        config.hidden = List.of(32); // another architecture
        UserError error = assertThrows(UserError.class,
                () -> TrainingRun.run(config, TrainingRunTest.data(), tmp.resolve("x"), false, ProgressListener.SILENT));
        assertTrue(error.getMessage().contains("does not fit model 'mlp'"), error.getMessage());
        RunConfig missing = stageTwo(tmp.resolve("nowhere"), "classifier", false);
        assertNotEquals(null, assertThrows(UserError.class,
                () -> TrainingRun.run(missing, TrainingRunTest.data(), tmp.resolve("y"), false, ProgressListener.SILENT)).getMessage());
    }
}
