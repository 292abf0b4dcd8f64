package io.github.absgd.cli;

import io.github.absgd.data.DataBundles;
import io.github.absgd.train.CheckpointFile;
import io.github.absgd.train.GridEngine;
import io.github.absgd.train.GridJob;
import io.github.absgd.train.Interrupts;
import io.github.absgd.train.RunResults;
import io.github.absgd.train.SharedStage1;
import io.github.absgd.train.TrainingRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * Trains the runs of a grid, as {@code compare} and {@code sweep} do, on data loaded once: each
 * into its own directory, a finished run skipped, an unfinished one resumed, so the same command
 * run again continues where it stopped. Runs that share a stage 1 continue from one stage-1 run
 * ({@link SharedStage1}); with {@code --jobs N}, N runs train at once, dividing the cores.
 */
final class GridRuns {

    private GridRuns() {}

    /** The grid options compare and sweep share. */
    static final class Options {
        @Option(names = "--no-shared-stage1", description = {
            "train every run's stage 1 itself; by default runs that train alike until the stage-2 epoch",
            "(e.g. ce, ce-drw, absgd, absgd-drw at every lambda, same seed) train it once, in DIR/stage1/,",
            "and each continues from there, with exactly the metrics it has trained alone"})
        boolean separateStage1;

        @Option(names = "--jobs", paramLabel = "N", defaultValue = "0", description = {
            "runs trained at once in this process; with N > 1 each run takes 1/N of the cores unless",
            "--threads says otherwise, and prints one line per epoch. 0 (the default): as many as the cores",
            "hold at --threads each (all of them if --threads is 0), at most 2 (on 2 cores, 2 runs of 1",
            "thread train 1.28x the images/s of 1 run of 2 threads, BENCHMARKS.md)"})
        int jobs;

        @Option(names = "--spark", paramLabel = "MASTER", description = {
            "train the grid as Apache Spark jobs on MASTER (local[2] for a trial on this machine, spark://host:7077,",
            "yarn, k8s://...; 'submit': the master spark-submit was given): one task per run, the shared stage-1",
            "runs first; a failed task is retried by Spark and resumes from its run's last checkpoint. Needs the",
            "optional absgd-spark module (bin/absgd adds it when it is built); README: Grids on Spark"})
        String spark;

        @Option(names = "--spark-runs", paramLabel = "URI", description = {
            "with --spark: where the tasks keep the run directories, any Hadoop file system path (hdfs://...,",
            "s3a://..., file:/shared/...); they are copied into DIR when the grid ends. Default: DIR itself, which",
            "only a local master or a directory every executor mounts can use"})
        String sparkRuns;

        /**
         * The runs to train at once for a grid of {@code runs} on a machine of {@code cores}, each
         * run asking for {@code threads} (0: a share of the cores): automatically, as many as fit
         * the cores, at most 2.
         */
        int parallelRuns(int runs, int cores, int threads) {
            if (jobs < 0 || jobs > cores) {
                throw new UserError("--jobs must be between 0 (automatic) and this machine's " + cores + " cores, got " + jobs);
            }
            int automatic = Math.min(2, cores / Math.max(1, threads));
            return Math.max(1, Math.min(runs, jobs == 0 ? automatic : jobs));
        }
    }

    /**
     * Trains every job (every specification was checked when it was built); null when all
     * finished, else the exit code of a stop. {@code finished} hears of every run in the jobs'
     * order, once all have finished.
     */
    static Integer trainAll(List<GridJob> jobs, Options options, Path out, Supplier<DataBundles> data,
            BiConsumer<GridJob, RunResults> finished) {
        if (options.spark != null) {
            trainOnEngine("spark", options.spark, jobs, options, out, finished);
            return null;
        }
        if (options.sparkRuns != null) {
            throw new UserError("--spark-runs is where Spark tasks keep their runs: give --spark MASTER too");
        }
        int cores = Runtime.getRuntime().availableProcessors();
        int parallel = options.parallelRuns(jobs.size(), cores, jobs.isEmpty() ? 0 : jobs.get(0).spec().threads());
        List<GridJob> planned = parallel == 1 ? jobs : jobs.stream().map(job -> job.spec().threads() > 0 ? job
                : new GridJob(job.spec().toBuilder().threads(Math.max(1, cores / parallel)).build(), job.dir(), job.label()))
                .toList();
        Map<Integer, SharedStage1.Group> groupOf = options.separateStage1 ? Map.of()
                : SharedStage1.groupsByMember(planned.stream().map(GridJob::spec).toList(), out);
        Interrupts.install();
        try (DataBundles loaded = data.get()) { // the data depend on neither the seed nor the grid point
            List<TrainingRun.Outcome> outcomes = new Schedule(planned, groupOf, loaded, parallel).run();
            Integer stopped = null;
            for (TrainingRun.Outcome outcome : outcomes) { // null: not started after a stop
                if (outcome != null && outcome.status() == TrainingRun.Status.INTERRUPTED) {
                    stopped = TrainCommand.stopped(outcome.out(), "run the same command again to continue");
                }
            }
            if (stopped != null || outcomes.contains(null)) {
                return stopped != null ? stopped : Interrupts.exitCode();
            }
            for (int i = 0; i < jobs.size(); i++) {
                finished.accept(jobs.get(i), outcomes.get(i).results());
            }
        }
        return null;
    }

    /**
     * Trains the grid on a {@link GridEngine} found on the class path (the optional absgd-spark
     * module for "spark"), then writes each run's charts where the run has none yet.
     */
    private static void trainOnEngine(String name, String master, List<GridJob> jobs, Options options, Path out,
            BiConsumer<GridJob, RunResults> finished) {
        if (options.jobs != 0) {
            throw new UserError("--jobs sets the runs trained at once in this process; with --" + name
                    + " the cluster's task slots do (e.g. local[2] trains 2 runs at once)");
        }
        GridEngine engine = GridEngine.find(name);
        if (engine == null) {
            throw new UserError("--" + name + " needs the absgd-" + name + " module on the class path: build it with"
                    + " `mvn -DskipTests package` (bin/absgd then adds absgd-" + name + "/target/absgd-" + name + ".jar)");
        }
        List<RunResults> results = engine.trainAll(new GridEngine.Request(jobs, out, !options.separateStage1, master,
                options.sparkRuns));
        for (int i = 0; i < jobs.size(); i++) {
            GridJob job = jobs.get(i);
            if (!Files.exists(job.dir().resolve("curves.png"))) {
                TrainCommand.writeCharts(job.dir(), job.spec().method().id(), results.get(i));
            }
            finished.accept(job, results.get(i));
        }
    }

    /** The jobs and the stage-1 runs they wait for, on a pool of threads; a failure or a stop starts nothing new. */
    private static final class Schedule {
        private final List<GridJob> jobs;
        private final Map<Integer, SharedStage1.Group> groupOf;
        private final DataBundles data;
        private final int parallel;
        private final Map<SharedStage1.Group, CompletableFuture<Boolean>> stage1 = new HashMap<>();
        private volatile boolean failed;

        Schedule(List<GridJob> jobs, Map<Integer, SharedStage1.Group> groupOf, DataBundles data, int parallel) {
            this.jobs = jobs;
            this.groupOf = groupOf;
            this.data = data;
            this.parallel = parallel;
        }

        /** Each job's outcome in order; null for a job not started because another failed or a stop was asked for. */
        List<TrainingRun.Outcome> run() {
            ExecutorService pool = Executors.newFixedThreadPool(parallel);
            try {
                List<CompletableFuture<TrainingRun.Outcome>> runs = new ArrayList<>();
                for (int i = 0; i < jobs.size(); i++) {
                    int index = i;
                    GridJob job = jobs.get(i);
                    SharedStage1.Group group = groupOf.get(i);
                    boolean started = Files.exists(job.dir().resolve(CheckpointFile.FILE_NAME));
                    CompletableFuture<Boolean> ready = started || group == null ? CompletableFuture.completedFuture(true)
                            : stage1.computeIfAbsent(group, g -> CompletableFuture.supplyAsync(() -> guarded(() -> trainStage1(g)), pool));
                    runs.add(ready.thenApplyAsync(stage1Done -> Boolean.TRUE.equals(stage1Done)
                            ? guarded(() -> train(job, !started && group != null ? group : null)) : null, pool));
                }
                // a failure starts nothing new, and the runs already going finish theirs: none is cut off mid-write
                CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).exceptionally(failure -> null).join();
                List<TrainingRun.Outcome> outcomes = new ArrayList<>();
                for (CompletableFuture<TrainingRun.Outcome> run : runs) {
                    outcomes.add(join(run));
                }
                return outcomes;
            } finally {
                pool.shutdown();
            }
        }

        /** Runs {@code task} unless a run failed or a stop was asked for; a failure stops what has not started. */
        private <T> T guarded(Supplier<T> task) {
            if (failed || Interrupts.requested()) {
                return null;
            }
            try {
                return task.get();
            } catch (RuntimeException | Error e) {
                failed = true;
                throw e;
            }
        }

        /** Trains (or finds) a shared stage 1 up to the stage-2 epoch; false if it was interrupted. */
        private Boolean trainStage1(SharedStage1.Group group) {
            String label = "stage 1 (" + group.prefix().method().id() + " seed " + group.prefix().seed() + ") of "
                    + group.members().size() + " runs";
            try (ConsoleProgress progress = new ConsoleProgress(label, parallel == 1)) {
                TrainingRun.Outcome outcome = TrainingRun.runFirstEpochs(group.prefix(), data.bundle(), group.dir(),
                        group.prefix().stage2Epoch(), progress);
                if (outcome.status() == TrainingRun.Status.INTERRUPTED) {
                    TrainCommand.stopped(group.dir(), "run the same command again to continue");
                }
                return outcome.status() == TrainingRun.Status.PAUSED;
            }
        }

        /** One run, started from its stage-1 run first if {@code forkFrom} is given. */
        private TrainingRun.Outcome train(GridJob job, SharedStage1.Group forkFrom) {
            if (forkFrom != null) {
                SharedStage1.fork(forkFrom.dir(), job.spec(), job.dir());
            }
            try (ConsoleProgress progress = new ConsoleProgress(job.label(), parallel == 1)) {
                TrainingRun.Outcome outcome = TrainingRun.run(job.spec(), data.bundle(), job.dir(), true, progress);
                if (outcome.status() == TrainingRun.Status.ALREADY_FINISHED) {
                    System.err.println("absgd: " + job.label() + ": finished earlier, skipped");
                } else if (outcome.status() == TrainingRun.Status.FINISHED) {
                    TrainCommand.writeCharts(job.dir(), job.spec().method().id(), outcome.results());
                }
                return outcome;
            }
        }

        private static <T> T join(CompletableFuture<T> future) {
            try {
                return future.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e;
            }
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
