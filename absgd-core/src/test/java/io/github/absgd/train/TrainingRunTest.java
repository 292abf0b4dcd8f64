package io.github.absgd.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.absgd.data.DataBundle;
import io.github.absgd.data.Samples;
import io.github.absgd.model.ClassifierModel;
import io.github.absgd.model.ModelSpec;
import io.github.absgd.model.Models;
import io.github.absgd.model.WeightInit;
import io.github.absgd.util.AbsgdException;
import io.github.absgd.util.InvalidSettingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TrainingRunTest {

    private static final long[] COUNTS = {200, 60, 20, 8};
    private static final long[] FEATURES = {8};

    @TempDir
    Path tmp;

    @AfterEach
    void clearInterrupt() {
        Interrupts.request(false);
    }

    /** A 3-epoch mlp run on {@link #data()}: warm-up epoch 0, stage 2 and the rate drop at epoch 2. */
    static RunSpec.Builder small(Method method) {
        return RunSpec.builder().model("mlp").hidden(List.of(16)).method(method).epochs(3).batchSize(32).lr(0.05)
                .warmupEpochs(1).lrMilestones(List.of(2)).lrDecay(0.1).stage2Epoch(2).lambda(1.0).threads(1).seed(7);
    }

    static DataBundle data() {
        return SyntheticData.bundle(COUNTS, FEATURES, 0, 7);
    }

    @ParameterizedTest
    @EnumSource(Method.class)
    void everyMethodTrainsAndWritesItsFiles(Method method) throws IOException {
        RunSpec.Builder config = small(method);
        if (method == Method.ABADAM) {
            config.lr(0.01);
        }
        Path out = tmp.resolve(method.id());
        TrainingRun.Outcome outcome = TrainingRun.run(config.build(), data(), out, false, ProgressListener.SILENT);
        assertEquals(TrainingRun.Status.FINISHED, outcome.status());
        List<EpochRecord> history = RunFiles.readMetrics(out.resolve(RunFiles.METRICS));
        assertEquals(3, history.size());
        EpochRecord last = history.get(2);
        assertEquals(3, last.epoch());
        assertEquals(config.build().lr() * 0.1, last.lr(), 1e-9);
        assertEquals(method.attentional() ? 1.0 : null, last.lambda());
        assertNull(history.get(1).lambda(), "ERM before stage 2");
        assertTrue(Double.isFinite(last.trainLoss()) && Double.isFinite(last.objective()));
        // 120 test samples: chance (0.25) is 0.04 sd wide; every method ends at 0.48 to 0.7 here
        assertTrue(last.balancedAccuracy() > 0.4, method + " learns the blobs (chance is 0.25): " + last.balancedAccuracy());
        assertTrue(last.trainLoss() < history.get(0).trainLoss(), method + ": the training loss falls");
        assertTrue(last.imagesPerSecond() > 0);
        JsonNode line = new ObjectMapper().readTree(Files.readAllLines(out.resolve(RunFiles.METRICS)).get(0));
        for (String key : new String[] {"epoch", "lr", "lambda", "train_loss", "objective", "balanced_acc", "acc", "tail3",
            "images_per_s"}) {
            assertTrue(line.has(key), "metrics.jsonl has " + key);
        }
        JsonNode results = new ObjectMapper().readTree(out.resolve(RunFiles.RESULTS).toFile());
        assertEquals(method.id(), results.get("config").get("train").get("method").asText());
        assertEquals(config.build(), RunSpec.fromJson(results.get("config")), "results.json records the whole specification");
        for (String key : new String[] {"absgd_version", "djl_version", "libtorch_version", "java_version", "os", "cpu", "git_commit",
            "started_at"}) {
            assertTrue(results.get("provenance").has(key), "provenance has " + key);
        }
        assertEquals("0.36.0", results.get("provenance").get("djl_version").asText());
        assertTrue(results.get("provenance").get("absgd_version").asText().matches("\\d+\\.\\d+\\.\\d+.*"),
                results.get("provenance").toString());
        assertEquals(last.balancedAccuracy(), results.get("balanced_acc").asDouble(), 1e-12);
        assertEquals(4, results.get("per_class").size());
        assertTrue(results.get("few").isNull() == false && results.get("medium").isNull() == false);
    }

    @Test
    void everyEpochTrainsEverySampleOnceKeepingThePartialLastBatch() throws IOException {
        DataBundle data = data(); // 288 samples: batches of 50 leave a last batch of 38
        int[] batches = new int[1];
        ProgressListener counting = new ProgressListener() {
            @Override
            public void epochStarted(int epoch, int epochs, int batchesInEpoch, int firstBatch, double lr, Double lambda) {
                batches[0] = batchesInEpoch;
            }
        };
        RunResults results = TrainingRun.run(small(Method.ABSGD_DRW).batchSize(50).build(), data, tmp.resolve("partial"), false,
                counting).results();
        assertEquals(6, batches[0], "5 full batches and the partial one");
        assertEquals(3L * 288, results.trainImages(), "every sample once an epoch");
    }

    @Test
    void stageTwoEpochsOfAbsgdReportWhatTheWeightsDid() {
        RunSpec absgd = small(Method.ABSGD).lambda(0.5).build();
        Path out = tmp.resolve("weights");
        TrainingRun.run(absgd, data(), out, false, ProgressListener.SILENT);
        List<EpochRecord> history = RunFiles.readMetrics(out.resolve(RunFiles.METRICS));
        for (EpochRecord erm : history.subList(0, 2)) {
            assertNull(erm.essFraction(), "ERM epochs have no weights");
            assertNull(erm.maxWeight());
            assertNull(erm.tailWeightShare());
        }
        EpochRecord stage2 = history.get(2);
        assertTrue(stage2.essFraction() > 1.0 / 32 && stage2.essFraction() < 1, "λ = 0.5 weights unevenly: " + stage2.essFraction());
        assertTrue(stage2.maxWeight() > 1.0 / 32 && stage2.maxWeight() <= 1, "" + stage2.maxWeight());
        // the 3 smallest classes hold 88 of 288 samples (31 %); hard examples are mostly theirs
        assertTrue(stage2.tailWeightShare() > 88.0 / 288, "the tail gets more than its share: " + stage2.tailWeightShare());

        Path ce = tmp.resolve("ce-weights");
        TrainingRun.run(small(Method.CE).build(), data(), ce, false, ProgressListener.SILENT);
        assertNull(RunFiles.readMetrics(ce.resolve(RunFiles.METRICS)).get(2).essFraction(), "no attention, no weights");
    }

    @Test
    void aRunStoppedAndResumedEndsLikeAnUninterruptedOne() throws IOException {
        RunSpec.Builder config = small(Method.ABSGD_DRW);
        Path straight = tmp.resolve("straight");
        RunResults expected = TrainingRun.run(config.build(), data(), straight, false, ProgressListener.SILENT).results();

        Path stopped = tmp.resolve("stopped");
        ProgressListener stopInStage2 = new ProgressListener() {
            int batches;

            @Override
            public void batchFinished(double loss, double imagesPerSecond) {
                if (++batches == 25) { // mid-epoch 2 (9 batches an epoch), after the weighting is on
                    Interrupts.request(true);
                }
            }
        };
        TrainingRun.Outcome first = TrainingRun.run(config.build(), data(), stopped, false, stopInStage2);
        assertEquals(TrainingRun.Status.INTERRUPTED, first.status());
        CheckpointState state = CheckpointFile.readState(stopped.resolve(CheckpointFile.FILE_NAME));
        assertEquals(2, state.epochsCompleted());
        assertEquals(7, state.stepInEpoch());
        assertNotNull(state.logU(), "u is in the checkpoint");
        Interrupts.request(false);

        TrainingRun.Outcome resumed = TrainingRun.run(config.build(), data(), stopped, true, ProgressListener.SILENT);
        assertEquals(TrainingRun.Status.FINISHED, resumed.status());
        assertArrayEquals(expected.metrics().perClass(), resumed.results().metrics().perClass());
        assertEquals(expected.logU(), resumed.results().logU());
        List<EpochRecord> a = RunFiles.readMetrics(straight.resolve(RunFiles.METRICS));
        List<EpochRecord> b = RunFiles.readMetrics(stopped.resolve(RunFiles.METRICS));
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).trainLoss(), b.get(i).trainLoss(), 0.0, "epoch " + (i + 1));
            assertEquals(a.get(i).balancedAccuracy(), b.get(i).balancedAccuracy(), 0.0);
        }
        assertEquals(TrainingRun.Status.ALREADY_FINISHED,
                TrainingRun.run(config.build(), data(), stopped, true, ProgressListener.SILENT).status());
        // the final networks, bit for bit: weights and BatchNorm running statistics
        Map<String, float[]> straightArrays = checkpointArrays(straight);
        Map<String, float[]> resumedArrays = checkpointArrays(stopped);
        assertEquals(straightArrays.keySet(), resumedArrays.keySet());
        assertTrue(straightArrays.keySet().stream().anyMatch(name -> name.contains("running")), "" + straightArrays.keySet());
        straightArrays.forEach((name, values) -> assertArrayEquals(values, resumedArrays.get(name), name));
    }

    /** Every array of a finished mlp run's checkpoint, by parameter name. */
    private static Map<String, float[]> checkpointArrays(Path run) {
        return checkpointArrays(run, false);
    }

    /** Every array of a finished mlp run's checkpoint (with a cosine head for LDAM), by parameter name. */
    static Map<String, float[]> checkpointArrays(Path run, boolean cosineHead) {
        ClassifierModel network = Models.create("mlp",
                ModelSpec.tabular(FEATURES[0], COUNTS.length).withHiddenSizes(List.of(16)).withCosineHead(cosineHead));
        try (NDManager manager = NDManager.newBaseManager()) {
            network.initialize(manager);
            CheckpointFile.load(run.resolve(CheckpointFile.FILE_NAME), "mlp", network.block(), null, manager);
            Map<String, float[]> arrays = new LinkedHashMap<>();
            for (Pair<String, Parameter> p : network.block().getParameters()) {
                arrays.put(p.getKey(), p.getValue().getArray().toFloatArray());
            }
            return arrays;
        }
    }

    @Test
    void aCorruptedCheckpointIsDetectedNotLoaded() throws IOException {
        RunSpec.Builder config = small(Method.CE);
        config.epochs(1);
        Path out = tmp.resolve("run");
        TrainingRun.run(config.build(), data(), out, false, ProgressListener.SILENT);
        Path checkpoint = out.resolve(CheckpointFile.FILE_NAME);
        byte[] bytes = Files.readAllBytes(checkpoint);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(checkpoint, bytes);
        AbsgdException error = assertThrows(AbsgdException.class,
                () -> TrainingRun.run(config.build(), data(), out, true, ProgressListener.SILENT));
        assertTrue(error.getMessage().contains("corrupted"), error.getMessage());
        assertTrue(error.getMessage().startsWith(checkpoint.toString()), error.getMessage());
    }

    @Test
    void anExistingRunNeedsResumeAndTheSameOptions() {
        RunSpec.Builder config = small(Method.CE);
        config.epochs(1);
        Path out = tmp.resolve("run");
        TrainingRun.run(config.build(), data(), out, false, ProgressListener.SILENT);
        assertEquals(out, assertThrows(RunExistsException.class,
                () -> TrainingRun.run(config.build(), data(), out, false, ProgressListener.SILENT)).directory());
        RunSpec.Builder other = small(Method.CE);
        other.epochs(1);
        other.lr(0.2);
        assertEquals(List.of("lr was 0.05, now 0.2"), assertThrows(RunMismatchException.class,
                () -> TrainingRun.run(other.build(), data(), out, true, ProgressListener.SILENT)).differences());
    }

    @Test
    void anOptionMissingFromAnOlderRunCountsAsItsDefault() {
        JsonNode current = small(Method.CE).build().toJson();
        JsonNode older = current.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) older.get("train")).remove("init");
        assertEquals(List.of(), TrainingRun.optionDifferences(older, current));
        RunSpec.Builder pytorch = small(Method.CE);
        pytorch.init(WeightInit.PYTORCH);
        assertEquals(List.of("init was \"he\", now \"pytorch\""),
                TrainingRun.optionDifferences(older, pytorch.build().toJson()));
    }

    @Test
    void aRunFromPytorchStyleWeightsLearnsAndRecordsIt() throws IOException {
        RunSpec.Builder config = small(Method.CE);
        config.init(WeightInit.PYTORCH);
        Path out = tmp.resolve("pytorch-init");
        TrainingRun.Outcome outcome = TrainingRun.run(config.build(), data(), out, false, ProgressListener.SILENT);
        // chance is 0.25 (0.04 sd over 120 test samples); this run reaches 0.425
        assertTrue(outcome.results().metrics().balancedAccuracy() > 0.35, "" + outcome.results().metrics().balancedAccuracy());
        JsonNode results = new ObjectMapper().readTree(out.resolve(RunFiles.RESULTS).toFile());
        assertEquals("pytorch", results.get("config").get("train").get("init").asText());
        // the same run from He weights (runs are bit-for-bit repeatable): only the initial draw differs
        Path he = tmp.resolve("he-init");
        TrainingRun.run(small(Method.CE).build(), data(), he, false, ProgressListener.SILENT);
        List<EpochRecord> fromHe = RunFiles.readMetrics(he.resolve(RunFiles.METRICS));
        List<EpochRecord> fromPytorch = RunFiles.readMetrics(out.resolve(RunFiles.METRICS));
        assertEquals(3, fromPytorch.size());
        assertTrue(fromPytorch.get(2).trainLoss() < fromPytorch.get(0).trainLoss(), "the training loss falls");
        assertEquals(fromHe.size(), fromPytorch.size());
        for (int i = 0; i < fromHe.size(); i++) {
            assertNotEquals(fromHe.get(i).trainLoss(), fromPytorch.get(i).trainLoss(), "epoch " + (i + 1) + " trained other weights");
        }
    }

    @Test
    void anUnknownWeightInitIsRejectedNamingTheKnownOnes() {
        RunSpec.Builder config = small(Method.CE);
        com.fasterxml.jackson.databind.node.ObjectNode json = config.build().toJson();
        ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("train")).put("init", "xavier");
        InvalidSettingException error = assertThrows(InvalidSettingException.class, () -> RunSpec.fromJson(json));
        assertEquals("init", error.setting());
        String message = error.getMessage();
        assertTrue(message.contains("'xavier'") && message.contains("he, pytorch"), message);
    }

    @Test
    void aDivergingRunStopsNamingEpochAndStepAndKeepsTheLastCheckpoint() {
        RunSpec.Builder config = small(Method.ABSGD);
        config.stage2Epoch(1);
        config.lambda(0.01); // from epoch 1, with a huge rate, weights exp(l/0.01) blow the model up
        config.warmupEpochs(0);
        config.lrMilestones(List.of(1));
        config.lrDecay(2e5); // epoch 0 trains at 0.05 and ends in a checkpoint; epoch 1 at 1e4
        config.momentum(0);
        Path out = tmp.resolve("nan");
        TrainingDivergedException error = assertThrows(TrainingDivergedException.class,
                () -> TrainingRun.run(config.build(), data(), out, false, ProgressListener.SILENT));
        assertTrue(error.getMessage().matches("the loss became (NaN|infinite) at epoch 1, step \\d+ .*"), error.getMessage());
        CheckpointState state = CheckpointFile.readState(out.resolve(CheckpointFile.FILE_NAME));
        assertFalse(state.finished());
        assertEquals(1, state.epochsCompleted(), "the checkpoint of the last good epoch is kept");
        assertTrue(error.getMessage().contains("the last good checkpoint in " + out + " is kept (epoch 1, step 0)"),
                error.getMessage());
        assertEquals(1, RunFiles.readMetrics(out.resolve(RunFiles.METRICS)).size());
    }

    @Test
    void aRunDivergingBeforeItsFirstCheckpointSaysThereIsNone() {
        RunSpec config = small(Method.ABSGD).stage2Epoch(0).lambda(0.01).lr(1e4).warmupEpochs(0).momentum(0).build();
        Path out = tmp.resolve("nan0");
        TrainingDivergedException error = assertThrows(TrainingDivergedException.class,
                () -> TrainingRun.run(config, data(), out, false, ProgressListener.SILENT));
        assertTrue(error.getMessage().contains("at epoch 0, step ")
                && error.getMessage().contains("no checkpoint was written yet (nothing to resume)"), error.getMessage());
        assertFalse(Files.exists(out.resolve(CheckpointFile.FILE_NAME)));
    }

    @Test
    void aLastBatchOfOneSampleJoinsTheBatchBeforeIt() {
        for (int batchSize : new int[] {41, 287}) { // 288 samples: 7 x 41 + 1 and 1 x 287 + 1
            int[] batches = new int[1];
            ProgressListener counting = new ProgressListener() {
                @Override
                public void epochStarted(int epoch, int epochs, int batchesInEpoch, int firstBatch, double lr, Double lambda) {
                    batches[0] = batchesInEpoch;
                }
            };
            RunResults results = TrainingRun.run(small(Method.ABSGD_DRW).batchSize(batchSize).build(), data(),
                    tmp.resolve("one-left-" + batchSize), false, counting).results();
            assertEquals(288 / batchSize, batches[0], "batch " + batchSize + ": the single sample joins the last full batch");
            assertEquals(3L * 288, results.trainImages(), "every sample once an epoch");
        }
    }

    @Test
    void aDirectoryAnotherRunWritesIsRefusedAndAStaleLockIsTakenOver() throws IOException {
        Path out = tmp.resolve("locked");
        RunSpec config = small(Method.CE).epochs(1).build();
        try (RunFiles held = RunFiles.prepare(out)) {
            RunLockedException error = assertThrows(RunLockedException.class,
                    () -> TrainingRun.run(config, data(), out, false, ProgressListener.SILENT));
            assertEquals(out, error.directory());
            assertTrue(error.getMessage().contains("pid " + ProcessHandle.current().pid()), error.getMessage());
            assertFalse(Files.exists(out.resolve(RunFiles.METRICS)), "the refused run wrote nothing");
        }
        Files.writeString(out.resolve(RunFiles.LOCK), "pid 999999999 since 2026-01-01T00:00:00Z\n"); // a killed holder's
        assertEquals(TrainingRun.Status.FINISHED, TrainingRun.run(config, data(), out, false, ProgressListener.SILENT).status());
        assertTrue(Files.readString(out.resolve(RunFiles.LOCK)).startsWith("pid " + ProcessHandle.current().pid() + " since "));
    }

    /** {@link #data()} with a validation set of the same distribution, and the test labels as given. */
    private static DataBundle withValidation(Samples test) {
        DataBundle base = data();
        Samples validation = SyntheticData.make(new long[] {40, 20, 10, 6}, FEATURES, 0, 21);
        return new DataBundle(base.train(), test, base.numClasses(), base.trainCounts(), base.observedTrainCounts(),
                base.inputShape(), base.classNames(), validation);
    }

    @Test
    void bestValKeepsTheBestValidationEpochAndReportsItsTestMetrics() throws IOException {
        RunSpec config = small(Method.ABSGD_DRW).epochs(5).keep(Keep.BEST_VAL).build();
        Path out = tmp.resolve("best-val");
        RunResults results = TrainingRun.run(config, withValidation(data().test()), out, false, ProgressListener.SILENT).results();
        List<EpochRecord> history = RunFiles.readMetrics(out.resolve(RunFiles.METRICS));
        for (EpochRecord record : history) {
            assertNotNull(record.valBalancedAccuracy(), "validation metrics every epoch");
            assertNotNull(record.valAccuracy());
            assertNotNull(record.valMacroF1());
        }
        int best = 1;
        for (EpochRecord record : history) {
            best = record.valBalancedAccuracy() > history.get(best - 1).valBalancedAccuracy() ? record.epoch() : best;
        }
        assertEquals(best, results.chosen().epoch(), "the first epoch with the best validation balanced accuracy");
        assertEquals(history.get(best - 1).valBalancedAccuracy(), results.chosen().valBalancedAccuracy());
        assertEquals(history.get(best - 1).balancedAccuracy(), results.chosen().test().balancedAccuracy(), 1e-12,
                "the chosen model's test metrics are those its epoch reported");
        assertEquals(best, CheckpointFile.readState(out.resolve(CheckpointFile.BEST_FILE_NAME)).epochsCompleted());
        JsonNode json = new ObjectMapper().readTree(out.resolve(RunFiles.RESULTS).toFile());
        assertEquals(best, json.get("chosen").get("epoch").asInt());
        assertEquals(4, json.get("chosen").get("test").get("per_class").size());
        assertFalse(json.get("stopped_early").asBoolean());
        assertEquals(best, RunResults.read(out.resolve(RunFiles.RESULTS)).chosen().epoch());
    }

    @Test
    void evalEveryEvaluatesTheTestSetEveryNEpochsAndAfterTheLastButValidationEveryEpoch() {
        RunSpec config = small(Method.ABSGD_DRW).epochs(5).evalEvery(2).build();
        Path out = tmp.resolve("eval-every");
        RunResults results = TrainingRun.run(config, withValidation(data().test()), out, false, ProgressListener.SILENT).results();
        List<EpochRecord> history = RunFiles.readMetrics(out.resolve(RunFiles.METRICS));
        for (EpochRecord record : history) {
            boolean due = record.epoch() % 2 == 0 || record.epoch() == 5;
            assertEquals(due, record.balancedAccuracy() != null, "epoch " + record.epoch());
            assertEquals(due, record.macroF1() != null, "epoch " + record.epoch());
            assertNotNull(record.valBalancedAccuracy(), "validation every epoch: epoch " + record.epoch());
        }
        assertEquals(history.get(4).balancedAccuracy(), results.metrics().balancedAccuracy(), 0.0);
        RunSpec every = small(Method.ABSGD_DRW).epochs(5).build();
        List<EpochRecord> full = TrainingRun.run(every, withValidation(data().test()), tmp.resolve("every"), false,
                ProgressListener.SILENT).results().history();
        assertEquals(full.get(3).balancedAccuracy(), history.get(3).balancedAccuracy(), 0.0, "skipping evaluation changes no training");
        assertEquals(full.get(4).trainLoss(), history.get(4).trainLoss(), 0.0);
    }

    @Test
    void aRunWithAccumulatedMicroBatchesTrainsAndLearns() {
        RunResults results = TrainingRun.run(small(Method.ABSGD_DRW).accumulate(3).build(), data(), tmp.resolve("accumulate"), false,
                ProgressListener.SILENT).results();
        EpochRecord last = results.history().get(2);
        assertTrue(last.balancedAccuracy() > 0.4, "learns the blobs (chance is 0.25): " + last.balancedAccuracy());
        assertTrue(last.essFraction() > 0 && last.essFraction() <= 1, "stage 2's weights are reported: " + last.essFraction());
        assertNotNull(results.logU(), "u advanced");
    }

    @Test
    void theChoiceNeverReadsTheTestSet() {
        RunSpec config = small(Method.ABSGD_DRW).epochs(5).keep(Keep.BEST_VAL).build();
        int asIs = TrainingRun.run(config, withValidation(data().test()), tmp.resolve("as-is"), false, ProgressListener.SILENT)
                .results().chosen().epoch();
        Samples test = data().test();
        Samples swapped = new Samples() { // every test label moved to the next class
            @Override
            public int size() {
                return test.size();
            }

            @Override
            public int[] labels() {
                return java.util.Arrays.stream(test.labels()).map(y -> (y + 1) % 4).toArray();
            }

            @Override
            public int[] trueLabels() {
                return labels();
            }

            @Override
            public ai.djl.ndarray.NDList batch(ai.djl.ndarray.NDManager manager, int[] indices, boolean augment, long seed) {
                ai.djl.ndarray.NDList batch = test.batch(manager, indices, augment, seed);
                return new ai.djl.ndarray.NDList(batch.get(0), batch.get(1).add(1).mod(4));
            }
        };
        RunResults other = TrainingRun.run(config, withValidation(swapped), tmp.resolve("swapped"), false, ProgressListener.SILENT)
                .results();
        assertEquals(asIs, other.chosen().epoch(), "the same epoch, whatever the test labels");
        assertTrue(other.chosen().test().balancedAccuracy() < 0.5, "the test labels really were swapped");
    }

    @Test
    void patienceStopsWhenValidationStopsImprovingAndTheRunIsFinished() throws IOException {
        // a rate too small to move the weights (only BatchNorm's statistics settle): validation soon stops improving
        RunSpec config = small(Method.CE).epochs(10).lr(1e-12).patience(2).build();
        Path out = tmp.resolve("patience");
        RunResults results = TrainingRun.run(config, withValidation(data().test()), out, false, ProgressListener.SILENT).results();
        List<EpochRecord> history = RunFiles.readMetrics(out.resolve(RunFiles.METRICS));
        int best = TrainingRun.bestEpoch(history);
        assertTrue(results.stoppedEarly() && history.size() < 10, "stopped after " + history.size() + " epochs");
        assertEquals(best + 2, history.size(), "two epochs without improvement after the best, then the stop");
        for (EpochRecord later : history.subList(best, history.size())) {
            assertTrue(later.valBalancedAccuracy() <= history.get(best - 1).valBalancedAccuracy());
        }
        CheckpointState state = CheckpointFile.readState(out.resolve(CheckpointFile.FILE_NAME));
        assertTrue(state.finished());
        assertEquals(history.size(), state.epochsCompleted());
        assertEquals(TrainingRun.Status.ALREADY_FINISHED,
                TrainingRun.run(config, withValidation(data().test()), out, true, ProgressListener.SILENT).status());
    }

    @Test
    void bestValAndPatienceNeedAValidationSet() {
        for (RunSpec config : List.of(small(Method.CE).keep(Keep.BEST_VAL).build(), small(Method.CE).patience(3).build())) {
            Path out = tmp.resolve("no-validation");
            InvalidSettingException error = assertThrows(InvalidSettingException.class,
                    () -> TrainingRun.run(config, data(), out, false, ProgressListener.SILENT));
            assertTrue(error.getMessage().endsWith("needs a validation set: give `val-fraction` or `val-file`"), error.getMessage());
            assertFalse(Files.exists(out), "nothing written");
        }
    }

    @Test
    void anUnwritableOutputDirectoryIsNamed() throws IOException {
        Path file = tmp.resolve("a-file");
        Files.writeString(file, "x");
        AbsgdException error = assertThrows(AbsgdException.class,
                () -> TrainingRun.run(small(Method.CE).build(), data(), file.resolve("out"), false, ProgressListener.SILENT));
        assertTrue(error.getMessage().contains("not writable"), error.getMessage());
    }

    @Test
    void negativeLambdaGivesMislabelledSamplesLessThanTheirShareOfWeight() {
        RunSpec.Builder config = small(Method.ABSGD);
        config.lambda(-1.0);
        config.gamma(0.9);
        config.alpha(1.0);
        config.stage2Epoch(1);
        DataBundle noisy = SyntheticData.bundle(new long[] {120, 120, 120, 120}, FEATURES, 0.3, 11);
        int flipped = 0;
        for (int i = 0; i < noisy.train().size(); i++) {
            flipped += noisy.train().labels()[i] != noisy.train().trueLabels()[i] ? 1 : 0;
        }
        double noisyShare = (double) flipped / noisy.train().size();
        TrainingRun.run(config.build(), noisy, tmp.resolve("noisy"), false, ProgressListener.SILENT);
        List<EpochRecord> history = RunFiles.readMetrics(tmp.resolve("noisy").resolve(RunFiles.METRICS));
        assertEquals(noisyShare, history.get(0).noisyWeightShare(), 1e-9, "ERM: every sample weighs 1/b");
        Double share = history.get(2).noisyWeightShare();
        assertNotNull(share);
        assertTrue(share < noisyShare, "mislabelled samples get " + share + " of the weight, their share is " + noisyShare);
    }
}
