package io.github.absgd.spark;

import io.github.absgd.train.CheckpointFile;
import io.github.absgd.train.EpochRecord;
import io.github.absgd.train.ProgressListener;
import io.github.absgd.train.RunSpec;
import io.github.absgd.train.SharedStage1;
import io.github.absgd.train.TrainingRun;
import io.github.absgd.util.AbsgdException;
import io.github.absgd.util.Directories;
import io.github.absgd.util.Problems;
import io.github.absgd.util.SpecJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.TaskContext;

/**
 * A {@link GridTask} as an executor runs it: the run directory copied from the {@link RunStore}
 * into a local scratch directory (with its stage-1 run, to fork from), trained with the library's
 * exact resume, copied back after every epoch and at the end. A retried task therefore continues
 * from the last epoch its failed attempt copied back.
 */
final class TaskRun implements ProgressListener {

    private final GridTask task;
    private final RunStore store;
    private final FaultInjection fault;
    private final Path local;
    private final Map<String, String> sent = new HashMap<>();
    private int batches;

    private TaskRun(GridTask task, RunStore store, FaultInjection fault, Path local) {
        this.task = task;
        this.store = store;
        this.fault = fault;
        this.local = local;
    }

    /** Trains {@code task} on this executor; its outcome's status. */
    static String run(GridTask task, RunStore store, FaultInjection fault) {
        Path scratch;
        try {
            scratch = Files.createTempDirectory("absgd-task-");
        } catch (IOException e) {
            throw new AbsgdException("cannot make a scratch directory for " + task.label() + " (" + Problems.describe(e) + ")", e);
        }
        try {
            return new TaskRun(task, store, fault, scratch.resolve("run")).train(scratch);
        } finally {
            Directories.deleteQuietly(scratch);
        }
    }

    private String train(Path scratch) {
        RunSpec spec = spec();
        store.pull(task.dir(), local);
        if (task.kind() == GridTask.Kind.RUN && task.stage1Dir() != null && !Files.exists(local.resolve(CheckpointFile.FILE_NAME))) {
            Path stage1 = scratch.resolve("stage1");
            store.pull(task.stage1Dir(), stage1);
            SharedStage1.fork(stage1, store.name(task.stage1Dir()), spec, local);
            store.push(local, task.dir(), sent);
        }
        var data = ExecutorData.of(spec.data()).bundle();
        TrainingRun.Outcome outcome = task.kind() == GridTask.Kind.STAGE1
                ? TrainingRun.runFirstEpochs(spec, data, local, spec.stage2Epoch(), this)
                : TrainingRun.run(spec, data, local, true, this);
        store.push(local, task.dir(), sent);
        return outcome.status().name();
    }

    /** The task's specification; a run that leaves its threads to the engine takes the task's cores. */
    private RunSpec spec() {
        try {
            RunSpec spec = RunSpec.fromJson(SpecJson.MAPPER.readTree(task.specJson()));
            TaskContext context = TaskContext.get();
            return spec.threads() > 0 || context == null ? spec : spec.toBuilder().threads(context.cpus()).build();
        } catch (IOException e) {
            throw new IllegalStateException("the driver sent an unreadable specification for " + task.label(), e);
        }
    }

    @Override
    public void batchFinished(double loss, double imagesPerSecond) {
        batches++;
        fault.maybeFail(task.dir(), batches);
    }

    @Override
    public void epochFinished(EpochRecord record) {
        store.push(local, task.dir(), sent);
        System.err.printf(Locale.ROOT, "absgd: %s: epoch %d, balanced acc %s%n", task.label(), record.epoch(),
                record.balancedAccuracy() == null ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * record.balancedAccuracy()));
    }
}
