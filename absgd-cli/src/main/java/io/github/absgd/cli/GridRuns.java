package io.github.absgd.cli;

import io.github.absgd.data.DataBundles;
import io.github.absgd.train.CheckpointFile;
import io.github.absgd.train.Interrupts;
import io.github.absgd.train.RunResults;
import io.github.absgd.train.RunSpec;
import io.github.absgd.train.TrainingRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Trains a list of runs one after another on data loaded once, as {@code compare} and {@code sweep}
 * do: each into its own directory, a finished run skipped, an unfinished one resumed, so the same
 * command run again continues where it stopped.
 */
final class GridRuns {

    /** One run of the grid: its specification, directory and a label for progress lines. */
    record Job(RunSpec spec, Path dir, String label) {}

    private GridRuns() {}

    /** Trains every job (every specification was checked when it was built); null when all finished, else the exit code of a stop. */
    static Integer trainAll(List<Job> jobs, Supplier<DataBundles> data, BiConsumer<Job, RunResults> finished) {
        Interrupts.install();
        try (DataBundles loaded = data.get()) { // the data depend on neither the seed nor the grid point
            for (Job job : jobs) {
                boolean exists = Files.exists(job.dir().resolve(CheckpointFile.FILE_NAME));
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
