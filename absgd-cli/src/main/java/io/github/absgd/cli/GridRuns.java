package io.github.absgd.cli;

import io.github.absgd.data.DataBundles;
import io.github.absgd.train.CheckpointFile;
import io.github.absgd.train.Interrupts;
import io.github.absgd.train.RunResults;
import io.github.absgd.train.RunSpec;
import io.github.absgd.train.SharedStage1;
import io.github.absgd.train.TrainingRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * Trains a list of runs one after another on data loaded once, as {@code compare} and {@code sweep}
 * do: each into its own directory, a finished run skipped, an unfinished one resumed, so the same
 * command run again continues where it stopped.
 */
final class GridRuns {

    /** One run of the grid: its specification, directory and a label for progress lines. */
    record Job(RunSpec spec, Path dir, String label) {}

    private GridRuns() {}

    /** The grid options compare and sweep share. */
    static final class Options {
        @Option(names = "--no-shared-stage1", description = {
            "train every run's stage 1 itself; by default runs that train alike until the stage-2 epoch",
            "(e.g. ce, ce-drw, absgd, absgd-drw at every lambda, same seed) train it once, in DIR/stage1/,",
            "and each continues from there, with exactly the metrics it has trained alone"})
        boolean separateStage1;
    }

    /**
     * Trains every job (every specification was checked when it was built), runs that share a
     * stage 1 from one stage-1 run under {@code out} unless {@code options} say otherwise; null when
     * all finished, else the exit code of a stop.
     */
    static Integer trainAll(List<Job> jobs, Options options, Path out, Supplier<DataBundles> data,
            BiConsumer<Job, RunResults> finished) {
        Map<Integer, SharedStage1.Group> groupOf = new HashMap<>();
        if (!options.separateStage1) {
            for (SharedStage1.Group group : SharedStage1.plan(jobs.stream().map(Job::spec).toList(), out)) {
                group.members().forEach(i -> groupOf.put(i, group));
            }
        }
        Interrupts.install();
        try (DataBundles loaded = data.get()) { // the data depend on neither the seed nor the grid point
            for (int i = 0; i < jobs.size(); i++) {
                Job job = jobs.get(i);
                boolean exists = Files.exists(job.dir().resolve(CheckpointFile.FILE_NAME));
                SharedStage1.Group group = groupOf.get(i);
                if (!exists && group != null) {
                    if (!trainStage1(group, loaded)) {
                        return TrainCommand.stopped(group.dir(), "run the same command again to continue");
                    }
                    SharedStage1.fork(group.dir(), job.spec(), job.dir());
                    exists = true;
                }
                try (ConsoleProgress progress = new ConsoleProgress(job.label())) {
                    TrainingRun.Outcome outcome = TrainingRun.run(job.spec(), loaded.bundle(), job.dir(), exists, progress);
                    if (outcome.status() == TrainingRun.Status.INTERRUPTED) {
                        return TrainCommand.stopped(job.dir(), "run the same command again to continue");
                    }
                    if (outcome.status() == TrainingRun.Status.ALREADY_FINISHED) {
                        System.err.println("absgd: " + job.label() + ": finished earlier, skipped");
                    } else {
                        TrainCommand.writeCharts(job.dir(), job.spec().method().id(), outcome.results());
                    }
                    finished.accept(job, outcome.results());
                }
            }
        }
        return null;
    }

    /** Trains (or finds) a shared stage 1 up to the stage-2 epoch; false if it was interrupted. */
    private static boolean trainStage1(SharedStage1.Group group, DataBundles loaded) {
        String label = "stage 1 (" + group.prefix().method().id() + " seed " + group.prefix().seed() + ") of "
                + group.members().size() + " runs";
        try (ConsoleProgress progress = new ConsoleProgress(label)) {
            TrainingRun.Outcome outcome = TrainingRun.runFirstEpochs(group.prefix(), loaded.bundle(), group.dir(),
                    group.prefix().stage2Epoch(), progress);
            return outcome.status() == TrainingRun.Status.PAUSED;
        }
    }

    /** A value named twice would be trained once and counted twice in the summary. */
    static void requireDistinct(String option, List<?> values) {
        Set<Object> seen = new HashSet<>();
        for (Object value : values) {
            if (!seen.add(value)) {
                throw new UserError(option + " names " + value + " twice");
            }
        }
    }
}
