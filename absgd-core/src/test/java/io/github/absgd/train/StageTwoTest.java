package io.github.absgd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.github.absgd.model.ClassifierModel;
import io.github.absgd.model.ModelSpec;
import io.github.absgd.model.Models;
import io.github.absgd.model.TrainableScope;
import io.github.absgd.util.AbsgdException;
import io.github.absgd.util.InvalidSettingException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two-stage training: stage 2 from a stage-1 checkpoint, training all, the classifier, or the last block too. */
class StageTwoTest {

    @TempDir
    Path tmp;

    private Path stageOne() {
        RunSpec config = TrainingRunTest.small(Method.CE).epochs(2).hidden(List.of(16, 12)).build();
        Path out = tmp.resolve("stage1");
        TrainingRun.run(config, TrainingRunTest.data(), out, false, ProgressListener.SILENT);
        return out;
    }

    private RunSpec.Builder stageTwo(Path from, TrainableScope finetune, boolean reinit) {
        return TrainingRunTest.small(Method.ABSGD_DRW).hidden(List.of(16, 12)).epochs(2).stage2Epoch(0).warmupEpochs(0).lr(0.01)
                .from(from).finetune(finetune).reinitClassifier(reinit);
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

    /** The full names (as in the whole network's parameter list) of the classifier head's parameters. */
    private static Set<String> headNames() {
        return names(ClassifierModel::head);
    }

    /** The full names of the parameters of a part of the mlp (its head, its last block). */
    private static Set<String> names(Function<ClassifierModel, Block> part) {
        ClassifierModel network = Models.create("mlp", ModelSpec.tabular(8, 4).withHiddenSizes(List.of(16, 12)));
        try (NDManager manager = NDManager.newBaseManager()) {
            network.initialize(manager);
            Set<Parameter> inPart = Collections.newSetFromMap(new IdentityHashMap<>());
            inPart.addAll(part.apply(network).getParameters().values());
            return network.block().getParameters().stream().filter(p -> inPart.contains(p.getValue())).map(Pair::getKey)
                    .collect(Collectors.toSet());
        }
    }

    @Test
    void classifierOnlyChangesOnlyTheHead() {
        Path from = stageOne();
        Path out = tmp.resolve("classifier");
        TrainingRun.run(stageTwo(from, TrainableScope.CLASSIFIER, false).build(), TrainingRunTest.data(), out, false,
                ProgressListener.SILENT);
        Map<String, float[]> before = parameters(from);
        Map<String, float[]> after = parameters(out);
        Set<String> head = headNames();
        assertEquals(2, head.size(), "the mlp's head is one linear layer: weight and bias " + head);
        int frozen = 0;
        for (String name : before.keySet()) {
            boolean same = Arrays.equals(before.get(name), after.get(name));
            if (head.contains(name)) {
                assertFalse(same, name + " (head) trained");
            } else if (!name.contains("running")) { // BatchNorm statistics update in training mode, as in PyTorch
                assertTrue(same, name + " is frozen in classifier-only fine-tuning");
                frozen++;
            }
        }
        assertTrue(frozen >= 4, "the hidden layers' weights and biases are checked frozen: " + frozen);
    }

    @Test
    void lastBlockAndAllTrainMoreThanTheHead() {
        Path from = stageOne();
        Map<String, float[]> before = parameters(from);
        Set<String> head = headNames();
        Set<String> lastBlock = names(ClassifierModel::lastBlock);
        // the second hidden layer: linear weight and bias, BatchNorm gamma, beta and running statistics
        assertEquals(6, lastBlock.size(), "the mlp's last block " + lastBlock);
        for (String mode : new String[] {"last-block", "all"}) {
            Path out = tmp.resolve(mode);
            TrainingRun.run(stageTwo(from, TrainableScope.parse(mode), true).build(), TrainingRunTest.data(), out, false,
                    ProgressListener.SILENT);
            Map<String, float[]> after = parameters(out);
            int frozen = 0;
            for (String name : before.keySet()) {
                boolean same = Arrays.equals(before.get(name), after.get(name));
                if (mode.equals("all") || head.contains(name) || lastBlock.contains(name)) {
                    assertFalse(same, mode + ": " + name + " trained");
                } else if (!name.contains("running")) { // BatchNorm statistics update in training mode, as in PyTorch
                    assertTrue(same, mode + ": " + name + " (first hidden layer) is frozen");
                    frozen++;
                }
            }
            assertEquals(mode.equals("all") ? 0 : 4, frozen, mode + ": the first hidden layer's weight, bias, gamma and beta");
        }
    }

    @Test
    void aCheckpointOfAnotherModelIsRefused() {
        Path from = stageOne();
        RunSpec config = stageTwo(from, TrainableScope.CLASSIFIER, false).hidden(List.of(32)).build(); // another architecture
        AbsgdException error = assertThrows(AbsgdException.class,
                () -> TrainingRun.run(config, TrainingRunTest.data(), tmp.resolve("x"), false, ProgressListener.SILENT));
        assertTrue(error.getMessage().matches(".*checkpoint of model 'mlp' does not fit the model as configured here: "
                + "parameter \\S+ is \\(16, 8\\) in the checkpoint, \\(32, 8\\) here \\(another number of classes.*"), error.getMessage());
        RunSpec missing = stageTwo(tmp.resolve("nowhere"), TrainableScope.CLASSIFIER, false).build();
        InvalidSettingException noCheckpoint = assertThrows(InvalidSettingException.class,
                () -> TrainingRun.run(missing, TrainingRunTest.data(), tmp.resolve("y"), false, ProgressListener.SILENT));
        assertEquals("from", noCheckpoint.setting());
        assertTrue(noCheckpoint.problem().startsWith(tmp.resolve("nowhere") + ": no checkpoint.bin there"), noCheckpoint.problem());
    }
}
