package io.github.absgd.spark;

import io.github.absgd.train.GridEngine;
import io.github.absgd.train.RunResults;
import io.github.absgd.util.AbsgdException;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The command line's {@code --spark MASTER}: a Spark context on that master (or on the one
 * spark-submit gave, for {@code submit}) for one grid, stopped when the grid ends. Settings come
 * as Spark's own do (spark-submit's {@code --conf}, {@code spark.*} system properties); on a local
 * master the web UI is off unless asked for.
 */
public final class SparkGridEngine implements GridEngine {

    /** The system property with the jars executors need, comma-separated (set by bin/absgd). */
    static final String JARS = "absgd.spark.jars";

    @Override
    public String name() {
        return "spark";
    }

    /**
     * What executors in JVMs of their own need and a cluster's Spark does not have: this library's
     * jars (bin/absgd lists them in {@value #JARS}; spark-submit's --jars sets spark.jars instead),
     * DJL kept offline, and the allocator settings bin/absgd gives libtorch. A setting given is kept.
     */
    private static void forExecutors(SparkConf conf) {
        String jars = System.getProperty(JARS);
        if (jars != null && !conf.contains("spark.jars")) {
            conf.set("spark.jars", jars);
        }
        conf.setIfMissing("spark.executor.extraJavaOptions", "-Dai.djl.offline=true");
        for (String variable : List.of("DJL_CACHE_DIR", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "OMP_WAIT_POLICY")) {
            String value = System.getenv(variable);
            if (value != null) {
                conf.setIfMissing("spark.executorEnv." + variable, value);
            }
        }
    }

    @Override
    public List<RunResults> trainAll(Request request) {
        SparkConf conf = new SparkConf().setIfMissing("spark.app.name", "absgd grid");
        if (!request.master().equals("submit")) {
            conf.setMaster(request.master());
        } else if (!conf.contains("spark.master")) {
            throw new AbsgdException("--spark submit takes the master spark-submit gives, and there is none: run under"
                    + " spark-submit or name the master (e.g. --spark local[2])");
        }
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.ui.enabled", "false");
        } else {
            forExecutors(conf);
        }
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            spark.setLogLevel(conf.get("spark.absgd.logLevel", "WARN"));
            return new SparkGrid(spark, request.runsLocation()).train(request.jobs(), request.out(), request.shareStage1());
        }
    }
}
