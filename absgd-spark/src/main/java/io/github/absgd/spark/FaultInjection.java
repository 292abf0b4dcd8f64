package io.github.absgd.spark;

import java.io.Serializable;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;

/**
 * A deliberate failure of one run's first task attempt after a number of training batches, to show
 * that Spark's retry continues from the run's last checkpoint and ends where an uninterrupted run
 * ends. Off unless {@value #SETTING} is set, as {@code <run directory>:<batches>}, e.g.
 * {@code absgd/lambda=2.0/seed0:5}.
 */
record FaultInjection(String dir, int afterBatches) implements Serializable {

    /** The Spark setting that asks for the failure. */
    static final String SETTING = "spark.absgd.test.failRunAfterBatches";

    static final FaultInjection NONE = new FaultInjection(null, 0);

    /** The failure {@code conf} asks for, or {@link #NONE}. */
    static FaultInjection from(SparkConf conf) {
        String value = conf.get(SETTING, null);
        if (value == null) {
            return NONE;
        }
        int colon = value.lastIndexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException(SETTING + " must be <run directory>:<batches>, got " + value);
        }
        return new FaultInjection(value.substring(0, colon), Integer.parseInt(value.substring(colon + 1)));
    }

    /** Fails the first attempt of run {@code runDir}'s task once it has trained {@code batches} batches. */
    void maybeFail(String runDir, int batches) {
        TaskContext context = TaskContext.get();
        if (runDir.equals(dir) && batches == afterBatches && context != null && context.attemptNumber() == 0) {
            throw new IllegalStateException("fault injected by " + SETTING + ": " + runDir + " after " + batches + " batches");
        }
    }
}
