package io.github.absgd.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.absgd.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    static RunConfig small(String method) {
        RunConfig config = new RunConfig();
        config.model = "mlp";
        config.hidden = List.of(16);
        config.method = method;
        config.epochs = 3;
        config.batchSize = 32;
        config.lr = 0.05;
        config.warmupEpochs = 1;
        config.lrMilestones = List.of(2);
        config.lrDecay = 0.1;
        config.stage2Epoch = 2;
        config.lambda = 1.0;
        config.threads = 1;
        return config;
    }

    static DataBundle data() {
        return SyntheticData.bundle(COUNTS, FEATURES, 0, 7);
    }

    @ParameterizedTest
    @EnumSource(Method.class)
    void everyMethodTrainsAndWritesItsFiles(Method method) throws IOException {
        RunConfig config = small(method.cliName());
        if (method == Method.ABADAM) {
            config.lr = 0.01;
        }
        Path out = tmp.resolve(method.cliName());
        TrainingRun.Outcome outcome = TrainingRun.run(config, data(), out, false, ProgressListener.SILENT);
        assertEquals(TrainingRun.Status.FINISHED, outcome.status());
        List<EpochRecord> history = RunFiles.readMetrics(out.resolve(RunFiles.METRICS));
        assertEquals(3, history.size());
        EpochRecord last = history.get(2);
        assertEquals(3, last.epoch());
        assertEquals(config.lr * 0.1, last.lr(), 1e-9);
        assertEquals(method.attentional() ? 1.0 : null, last.lambda());
        assertNull(history.get(1).lambda(), "ERM before stage 2");
        assertTrue(Double.isFinite(last.trainLoss()) && Double.isFinite(last.objective()));
        assertTrue(last.balancedAccuracy() > 0.3, method + ": " + last.balancedAccuracy());
        assertTrue(last.imagesPerSecond() > 0);
        JsonNode line = new ObjectMapper().readTree(Files.readAllLines(out.resolve(RunFiles.METRICS)).get(0));
        for (String key : new String[] {"epoch", "lr", "lambda", "train_loss", "objective", "balanced_acc", "acc", "tail3", "images_per_s"}) {
            assertTrue(line.has(key), "metrics.jsonl has " + key);
        }
        JsonNode results = new ObjectMapper().readTree(out.resolve(RunFiles.RESULTS).toFile());
        assertEquals(method.cliName(), results.get("config").get("train").get("method").asText());
        assertEquals(last.balancedAccuracy(), results.get("balanced_acc").asDouble(), 1e-12);
        assertEquals(4, results.get("per_class").size());
        assertTrue(results.get("few").isNull() == false && results.get("medium").isNull() == false);
    }

    @Test
    void aRunStoppedAndResumedEndsLikeAnUninterruptedOne() throws IOException {
        RunConfig config = small("absgd-drw");
        Path straight = tmp.resolve("straight");
        RunResults expected = TrainingRun.run(config, data(), straight, false, ProgressListener.SILENT).results();

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
        TrainingRun.Outcome first = TrainingRun.run(config, data(), stopped, false, stopInStage2);
        assertEquals(TrainingRun.Status.INTERRUPTED, first.status());
        CheckpointState state = CheckpointFile.readState(stopped.resolve(CheckpointFile.FILE_NAME));
        assertEquals(2, state.epochsCompleted());
        assertEquals(7, state.stepInEpoch());
        assertNotNull(state.logU(), "u is in the checkpoint");
        Interrupts.request(false);

        TrainingRun.Outcome resumed = TrainingRun.run(config, data(), stopped, true, ProgressListener.SILENT);
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
                TrainingRun.run(config, data(), stopped, true, ProgressListener.SILENT).status());
    }

    @Test
    void aCorruptedCheckpointIsDetectedNotLoaded() throws IOException {
        RunConfig config = small("ce");
        config.epochs = 1;
        Path out = tmp.resolve("run");
        TrainingRun.run(config, data(), out, false, ProgressListener.SILENT);
        Path checkpoint = out.resolve(CheckpointFile.FILE_NAME);
        byte[] bytes = Files.readAllBytes(checkpoint);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(checkpoint, bytes);
        UserError error = assertThrows(UserError.class,
                () -> TrainingRun.run(config, data(), out, true, ProgressListener.SILENT));
        assertTrue(error.getMessage().contains("corrupted"), error.getMessage());
        assertTrue(error.getMessage().startsWith(checkpoint.toString()), error.getMessage());
    }

    @Test
    void anExistingRunNeedsResumeAndTheSameOptions() {
        RunConfig config = small("ce");
        config.epochs = 1;
        Path out = tmp.resolve("run");
        TrainingRun.run(config, data(), out, false, ProgressListener.SILENT);
        assertTrue(assertThrows(UserError.class, () -> TrainingRun.run(config, data(), out, false, ProgressListener.SILENT))
                .getMessage().contains("add --resume"));
        RunConfig other = small("ce");
        other.epochs = 1;
        other.lr = 0.2;
        assertTrue(assertThrows(UserError.class, () -> TrainingRun.run(other, data(), out, true, ProgressListener.SILENT))
                .getMessage().contains("started with other options"));
    }

    @Test
    void anOptionMissingFromAnOlderRunCountsAsItsDefault() {
        JsonNode current = TrainingRun.configJson(small("ce"), data());
        JsonNode older = current.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) older.get("train")).remove("init");
        assertEquals(List.of(), TrainingRun.optionDifferences(older, current));
        RunConfig pytorch = small("ce");
        pytorch.init = "pytorch";
        assertEquals(List.of("--init was \"he\", now \"pytorch\""),
                TrainingRun.optionDifferences(older, TrainingRun.configJson(pytorch, data())));
    }

    @Test
    void aRunFromPytorchStyleWeightsLearnsAndRecordsIt() throws IOException {
        RunConfig config = small("ce");
        config.init = "pytorch";
        Path out = tmp.resolve("pytorch-init");
        TrainingRun.Outcome outcome = TrainingRun.run(config, data(), out, false, ProgressListener.SILENT);
        assertTrue(outcome.results().metrics().balancedAccuracy() > 0.3, "" + outcome.results().metrics().balancedAccuracy());
        JsonNode results = new ObjectMapper().readTree(out.resolve(RunFiles.RESULTS).toFile());
        assertEquals("pytorch", results.get("config").get("train").get("init").asText());
    }

    @Test
    void anUnknownWeightInitIsRejectedNamingTheKnownOnes() {
        RunConfig config = small("ce");
        config.init = "xavier";
        String message = assertThrows(UserError.class, config::validate).getMessage();
        assertTrue(message.contains("'xavier'") && message.contains("he, pytorch"), message);
    }

    @Test
    void aDivergingRunStopsNamingEpochAndStepAndKeepsTheLastCheckpoint() {
        RunConfig config = small("absgd");
        config.stage2Epoch = 1;
        config.lambda = 0.01; // with a huge rate, weights exp(l/0.01) blow the model up
        config.lr = 1e4;
        config.warmupEpochs = 0;
        config.momentum = 0;
        Path out = tmp.resolve("nan");
        UserError error = assertThrows(UserError.class, () -> TrainingRun.run(config, data(), out, false, ProgressListener.SILENT));
        assertTrue(error.getMessage().matches("the loss became (NaN|infinite) at epoch \\d+, step \\d+ .*"), error.getMessage());
        assertEquals(4, error.exitCode());
        if (Files.exists(out.resolve(CheckpointFile.FILE_NAME))) {
            CheckpointState state = CheckpointFile.readState(out.resolve(CheckpointFile.FILE_NAME));
            assertFalse(state.finished());
            assertTrue(error.getMessage().contains("(epoch " + state.epochsCompleted() + ")"), error.getMessage());
        }
    }

    @Test
    void anUnwritableOutputDirectoryIsNamed() throws IOException {
        Path file = tmp.resolve("a-file");
        Files.writeString(file, "x");
        UserError error = assertThrows(UserError.class,
                () -> TrainingRun.run(small("ce"), data(), file.resolve("out"), false, ProgressListener.SILENT));
        assertTrue(error.getMessage().contains("not writable"), error.getMessage());
    }

    @Test
    void negativeLambdaGivesMislabelledSamplesLessThanTheirShareOfWeight() {
        RunConfig config = small("absgd");
        config.lambda = -1.0;
        config.gamma = 0.9;
        config.alpha = 1.0;
        config.stage2Epoch = 1;
        DataBundle noisy = SyntheticData.bundle(new long[] {120, 120, 120, 120}, FEATURES, 0.3, 11);
        int flipped = 0;
        for (int i = 0; i < noisy.train().size(); i++) {
            flipped += noisy.train().labels()[i] != noisy.train().trueLabels()[i] ? 1 : 0;
        }
        double noisyShare = (double) flipped / noisy.train().size();
        TrainingRun.run(config, noisy, tmp.resolve("noisy"), false, ProgressListener.SILENT);
        List<EpochRecord> history = RunFiles.readMetrics(tmp.resolve("noisy").resolve(RunFiles.METRICS));
        assertEquals(noisyShare, history.get(0).noisyWeightShare(), 1e-9, "ERM: every sample weighs 1/b");
        Double share = history.get(2).noisyWeightShare();
        assertNotNull(share);
        assertTrue(share < noisyShare, "mislabelled samples get " + share + " of the weight, their share is " + noisyShare);
    }
}
