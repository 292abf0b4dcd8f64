package io.github.absgd.spark;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.Success$;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

/** Counts the tasks Spark starts and those that fail, for tests (named in spark.extraListeners). */
public final class TaskCounter extends SparkListener {

    static final AtomicInteger STARTED = new AtomicInteger();
    static final AtomicInteger FAILED = new AtomicInteger();

    static void reset() {
        STARTED.set(0);
        FAILED.set(0);
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart start) {
        STARTED.incrementAndGet();
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        if (end.reason() != Success$.MODULE$) {
            FAILED.incrementAndGet();
        }
    }
}
