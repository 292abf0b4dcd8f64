package io.github.absgd.spark;

import io.github.absgd.train.GridJob;
import io.github.absgd.train.RunFiles;
import io.github.absgd.train.RunResults;
import io.github.absgd.train.SharedStage1;
import io.github.absgd.util.AbsgdException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A grid of runs (compare, sweep) trained as Spark jobs: one task per run, each training with the
 * library in its executor and keeping its run directory in a {@link RunStore}. Runs that train
 * alike until stage 2 continue one shared stage-1 run ({@link SharedStage1}): the first job trains
 * the stage-1 runs and the runs that share none, the second the runs forked from a stage 1.
 * Finished runs are not trained again (their results are read), so the same grid submitted again
 * after a crash continues it; each task owns one run directory, and speculative execution, which
 * would have two attempts write it, is refused.
 *
 * <pre>{@code
 * try (JavaSparkContext spark = new JavaSparkContext(conf)) {
 *     List<RunResults> results = new SparkGrid(spark, "hdfs://namenode/grids/g1").train(jobs, Path.of("grid"), true);
 * }
 * }</pre>
 */
public final class SparkGrid {

    private final JavaSparkContext spark;
    private final String runsLocation;

    /**
     * A grid on {@code spark} keeping its runs under {@code runsLocation}, any Hadoop file system
     * path (null: the grid's local output directory, for a local master or a directory every
     * executor mounts).
     */
    public SparkGrid(JavaSparkContext spark, String runsLocation) {
        this.spark = spark;
        this.runsLocation = runsLocation;
    }

    /**
     * Trains every unfinished job (each directory under {@code out}), sharing stage 1 when
     * {@code shareStage1}, copies the runs into their directories under {@code out} when they were
     * kept elsewhere, and returns each job's results in order.
     */
    public List<RunResults> train(List<GridJob> jobs, Path out, boolean shareStage1) {
        if (spark.getConf().getBoolean("spark.speculation", false)) {
            throw new AbsgdException("spark.speculation is on: two attempts of a task would write one run directory;"
                    + " turn it off for absgd grids");
        }
        // the driver holds each run directory's lock in out while the grid trains: another grid or a
        // local command on the same directories stops at once, naming this process
        List<RunFiles> locks = new ArrayList<>();
        try {
            for (GridJob job : jobs) {
                locks.add(RunFiles.prepare(job.dir()));
            }
            return trainLocked(jobs, out, shareStage1);
        } finally {
            locks.forEach(RunFiles::close);
        }
    }

    private List<RunResults> trainLocked(List<GridJob> jobs, Path out, boolean shareStage1) {
        RunStore store = new RunStore(runsLocation == null ? out.toAbsolutePath().normalize().toString() : runsLocation,
                spark.hadoopConfiguration());
        boolean inPlace = store.isLocalDirectory(out);
        Map<Integer, SharedStage1.Group> groupOf = shareStage1
                ? SharedStage1.groupsByMember(jobs.stream().map(GridJob::spec).toList(), out) : Map.of();
        List<GridTask> first = new ArrayList<>();
        List<GridTask> forks = new ArrayList<>();
        Set<SharedStage1.Group> stage1Planned = new HashSet<>();
        for (int i = 0; i < jobs.size(); i++) {
            GridJob job = jobs.get(i);
            String dir = relative(out, job.dir());
            if (store.finished(dir)) {
                continue; // never trained again
            }
            SharedStage1.Group group = groupOf.get(i);
            if (group == null || store.started(dir)) {
                first.add(new GridTask(GridTask.Kind.RUN, json(job), dir, null, job.label()));
                continue;
            }
            String stage1Dir = relative(out, group.dir());
            if (stage1Planned.add(group)) {
                first.add(new GridTask(GridTask.Kind.STAGE1, group.prefix().toJson().toString(), stage1Dir, null,
                        "stage 1 (" + group.prefix().method().id() + " seed " + group.prefix().seed() + ") of "
                                + group.members().size() + " runs"));
            }
            forks.add(new GridTask(GridTask.Kind.RUN, json(job), dir, stage1Dir, job.label()));
        }
        FaultInjection fault = FaultInjection.from(spark.getConf());
        for (List<GridTask> tasks : List.of(first, forks)) {
            if (!tasks.isEmpty()) {
                spark.setJobDescription("absgd: " + tasks.size() + " runs (" + tasks.get(0).label() + ", ...)");
                List<String> statuses = collect(tasks, store, fault);
                for (int i = 0; i < tasks.size(); i++) {
                    String expected = tasks.get(i).kind() == GridTask.Kind.STAGE1 ? "PAUSED" : "FINISHED";
                    if (!statuses.get(i).equals(expected) && !statuses.get(i).equals("ALREADY_FINISHED")) {
                        throw new AbsgdException(tasks.get(i).label() + " (" + store.uri(tasks.get(i).dir()) + ") ended "
                                + statuses.get(i) + " instead of " + expected + "; submit the grid again to continue it");
                    }
                }
            }
        }
        if (!inPlace) { // the runs and their stage-1 runs, as the local commands leave them in out
            for (SharedStage1.Group group : new LinkedHashSet<>(groupOf.values())) {
                store.pull(relative(out, group.dir()), group.dir());
            }
            for (GridJob job : jobs) {
                store.pull(relative(out, job.dir()), job.dir());
            }
        }
        return jobs.stream().map(job -> RunResults.read(job.dir().resolve(RunFiles.RESULTS))).toList();
    }

    /**
     * Runs {@code tasks} as one Spark job and returns their statuses. When Spark gives up on a task,
     * the task's own exception (e.g. a data file an executor cannot read, named in one line) is
     * what the caller sees, not Spark's page of stage and stack.
     */
    private List<String> collect(List<GridTask> tasks, RunStore store, FaultInjection fault) {
        try {
            return spark.parallelize(tasks, tasks.size()).map(task -> TaskRun.run(task, store, fault)).collect();
        } catch (Exception e) { // Spark throws its checked SparkException undeclared
            if (!(e instanceof SparkException)) {
                throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
            }
            if (e.getCause() instanceof RuntimeException taskFailure) {
                throw taskFailure;
            }
            String message = e.getMessage() == null ? e.toString() : e.getMessage().strip().split("\n", 2)[0];
            throw new AbsgdException("the grid's Spark job failed: " + message, e);
        }
    }

    private static String json(GridJob job) {
        return job.spec().toJson().toString();
    }

    /** The run directory's path under the grid's output, with '/' between names. */
    private static String relative(Path out, Path dir) {
        Path relative = out.toAbsolutePath().normalize().relativize(dir.toAbsolutePath().normalize());
        if (relative.startsWith("..")) {
            throw new IllegalArgumentException(dir + " is not inside the grid's output " + out);
        }
        return relative.toString().replace('\\', '/');
    }
}
