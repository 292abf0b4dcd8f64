package io.github.absgd.train;

import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Trains the runs of a grid on an engine other than this process's threads, e.g. a cluster
 * (the optional absgd-spark module). The command line finds an engine by {@link #name} with
 * {@link ServiceLoader}, so neither the library nor the command line depends on any engine.
 */
public interface GridEngine {

    /** The engine's name, as the command line refers to it (e.g. {@code spark}). */
    String name();

    /**
     * Trains every job of {@code request} not finished yet, the shared stage-1 runs first when
     * asked, and returns each job's results in the jobs' order; afterwards each job's directory
     * under {@link Request#out} holds its finished run. Throws when a run failed for good.
     */
    List<RunResults> trainAll(Request request);

    /**
     * A grid to train: its jobs (each directory under {@code out}), whether runs that train alike
     * until stage 2 share it ({@link SharedStage1}), the cluster to train on as the engine names it
     * ({@code master}, e.g. {@code local[2]} or {@code yarn}) and where the tasks keep the run
     * directories ({@code runsLocation}, e.g. {@code hdfs://namenode/grids/g1}; null: {@code out}).
     */
    record Request(List<GridJob> jobs, Path out, boolean shareStage1, String master, String runsLocation) {
        public Request {
            jobs = List.copyOf(jobs);
        }
    }

    /** The engine of that name on the class path, or null. */
    static GridEngine find(String name) {
        for (GridEngine engine : ServiceLoader.load(GridEngine.class)) {
            if (engine.name().equals(name)) {
                return engine;
            }
        }
        return null;
    }
}
