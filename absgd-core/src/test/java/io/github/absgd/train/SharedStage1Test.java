package io.github.absgd.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.absgd.data.DataBundle;
import io.github.absgd.util.AbsgdException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SharedStage1Test {

    @TempDir
    Path tmp;

    /** Batches of 50 leave a last batch of 38: the ERM mean's 1/b is then not a power of two. */
    private static RunSpec.Builder small(Method method) {
        return TrainingRunTest.small(method).batchSize(50);
    }

    @ParameterizedTest
    @EnumSource(value = Method.class, names = {"ABSGD_DRW", "ABSGD_LDAM_DRW", "CE_DRW", "ABSGD"})
    void aForkedRunEndsBitForBitLikeTheSameRunTrainedAlone(Method method) {
        DataBundle data = TrainingRunTest.data();
        RunSpec spec = small(method).lambda(0.5).build();
        Path alone = tmp.resolve("alone");
        RunResults expected = TrainingRun.run(spec, data, alone, false, ProgressListener.SILENT).results();

        RunSpec prefix = SharedStage1.prefixOf(spec).orElseThrow();
        assertNotEquals(method, prefix.method(), "the stage 1 is another method's: " + prefix.method());
        Path stage1 = tmp.resolve("stage1");
        assertEquals(TrainingRun.Status.PAUSED,
                TrainingRun.runFirstEpochs(prefix, data, stage1, spec.stage2Epoch(), ProgressListener.SILENT).status());
        assertEquals(spec.stage2Epoch(), CheckpointFile.readState(stage1.resolve(CheckpointFile.FILE_NAME)).epochsCompleted());
        assertEquals(TrainingRun.Status.PAUSED,
                TrainingRun.runFirstEpochs(prefix, data, stage1, spec.stage2Epoch(), ProgressListener.SILENT).status(),
                "a paused stage 1 is found, not trained again");
        Path forked = tmp.resolve("forked");
        SharedStage1.fork(stage1, spec, forked);
        RunResults continued = TrainingRun.run(spec, data, forked, true, ProgressListener.SILENT).results();

        assertEquals(withoutTimes(RunFiles.readMetrics(alone.resolve(RunFiles.METRICS))),
                withoutTimes(RunFiles.readMetrics(forked.resolve(RunFiles.METRICS))), "every epoch's metrics, bit for bit");
        assertArrayEquals(expected.metrics().perClass(), continued.metrics().perClass());
        assertEquals(expected.logU(), continued.logU());
        Map<String, float[]> aloneArrays = TrainingRunTest.checkpointArrays(alone, method.needsCosineHead());
        Map<String, float[]> forkedArrays = TrainingRunTest.checkpointArrays(forked, method.needsCosineHead());
        assertEquals(aloneArrays.keySet(), forkedArrays.keySet());
        aloneArrays.forEach((name, values) -> assertArrayEquals(values, forkedArrays.get(name), "the final " + name));
        assertEquals(spec, RunSpec.fromJson(continued.config()), "the fork records its own specification");
        assertNotNull(continued.stage1(), "results.json names the stage-1 run");
        assertEquals(stage1.toAbsolutePath().normalize().toString(), continued.stage1().run());
        assertEquals(spec.stage2Epoch(), continued.stage1().epochs());
        assertEquals(continued.stage1(), RunResults.read(forked.resolve(RunFiles.RESULTS)).stage1());
    }

    /** The records with their times and speeds zeroed: what two runs trained alike share bit for bit. */
    static List<EpochRecord> withoutTimes(List<EpochRecord> records) {
        return records.stream().map(r -> new EpochRecord(r.epoch(), r.lr(), r.lambda(), r.trainLoss(), r.objective(),
                r.balancedAccuracy(), r.accuracy(), r.tail3(), r.many(), r.medium(), r.few(), r.macroF1(), r.valBalancedAccuracy(),
                r.valAccuracy(), r.valMacroF1(), 0, r.noisyWeightShare(), r.essFraction(), r.maxWeight(), r.tailWeightShare(), 0, 0))
                .toList();
    }

    @Test
    void runsThatTrainAlikeUntilStageTwoShareOneStage1() {
        List<RunSpec> grid = List.of(
                small(Method.CE).build(), // 0
                small(Method.CE_DRW).build(), // 1
                small(Method.ABSGD).lambda(1.0).build(), // 2
                small(Method.ABSGD_DRW).lambda(0.5).gamma(0.9).build(), // 3
                small(Method.ABSGD_DRW).lambda(2.0).alpha(1.0).build(), // 4
                small(Method.LDAM_DRW).build(), // 5
                small(Method.ABSGD_LDAM_DRW).build(), // 6
                small(Method.CB).build(), // 7: class weights from the start, alone
                small(Method.CE).seed(8).build(), // 8: another seed
                small(Method.ABSGD_DRW).seed(8).build(), // 9
                small(Method.CE).lr(0.1).build(), // 10: another rate, alone
                small(Method.ABSGD_DRW).patience(2).build()); // 11: may stop inside stage 1
        List<SharedStage1.Group> groups = SharedStage1.plan(grid, tmp);
        assertEquals(3, groups.size(), groups.toString());
        assertEquals(List.of(0, 1, 2, 3, 4), groups.get(0).members());
        assertEquals(Method.CE, groups.get(0).prefix().method());
        assertEquals(List.of(5, 6), groups.get(1).members());
        assertEquals(Method.LDAM_DRW, groups.get(1).prefix().method());
        assertEquals(List.of(8, 9), groups.get(2).members());
        assertTrue(groups.get(0).dir().startsWith(tmp.resolve(SharedStage1.DIRECTORY)));
        assertTrue(groups.get(0).dir().getFileName().toString().startsWith("ce-seed7-"), groups.get(0).dir().toString());
        assertNotEquals(groups.get(0).dir(), groups.get(2).dir());
        assertEquals(groups.get(0).dir(), SharedStage1.plan(List.of(grid.get(4), grid.get(1)), tmp).get(0).dir(),
                "the directory depends on the stage 1 alone, not on the grid around it");
    }

    @Test
    void onNoisyLabelsTheAttentionalAndMeanReductionsDoNotShare() {
        RunSpec ce = small(Method.CE).data(small(Method.CE).build().data().toBuilder().noise(0.2).build()).build();
        RunSpec absgd = ce.toBuilder().method(Method.ABSGD).lambda(-1.0).build();
        RunSpec absgdDrw = ce.toBuilder().method(Method.ABSGD_DRW).build();
        List<SharedStage1.Group> groups = SharedStage1.plan(List.of(ce, absgd, absgdDrw), tmp);
        assertEquals(1, groups.size());
        assertEquals(List.of(1, 2), groups.get(0).members(), "only the attentional ones report the noisy weight share in ERM");
        assertEquals(Method.ABSGD, groups.get(0).prefix().method());
    }

    @Test
    void aForkRefusesAStage1ThatIsNotItsOwnOrNotAtTheStageTwoEpoch() throws Exception {
        DataBundle data = TrainingRunTest.data();
        RunSpec spec = small(Method.ABSGD_DRW).build();
        Path stage1 = tmp.resolve("stage1");
        TrainingRun.runFirstEpochs(SharedStage1.prefixOf(spec).orElseThrow(), data, stage1, 1, ProgressListener.SILENT);
        AbsgdException early = assertThrows(AbsgdException.class, () -> SharedStage1.fork(stage1, spec, tmp.resolve("a")));
        assertTrue(early.getMessage().contains("at epoch 1"), early.getMessage());
        assertFalse(Files.exists(tmp.resolve("a").resolve(CheckpointFile.FILE_NAME)));

        RunSpec otherRate = spec.toBuilder().lr(0.2).build();
        Path other = tmp.resolve("other");
        TrainingRun.runFirstEpochs(SharedStage1.prefixOf(otherRate).orElseThrow(), data, other, 2, ProgressListener.SILENT);
        AbsgdException foreign = assertThrows(AbsgdException.class, () -> SharedStage1.fork(other, spec, tmp.resolve("b")));
        assertTrue(foreign.getMessage().contains("lr was 0.2, now 0.05"), foreign.getMessage());
    }
}
