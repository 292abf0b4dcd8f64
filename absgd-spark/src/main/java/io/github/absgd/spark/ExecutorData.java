package io.github.absgd.spark;

import io.github.absgd.data.DataBundles;
import io.github.absgd.data.DataSpec;
import io.github.absgd.util.SpecJson;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The data sets an executor has read, kept for the tasks that follow: a grid's runs all train on
 * the same data, which a task would otherwise read again (the local commands read it once too).
 * They live as long as the executor's JVM.
 */
final class ExecutorData {

    private static final Map<String, DataBundles> LOADED = new ConcurrentHashMap<>();

    private ExecutorData() {}

    /** The data {@code spec} describes, read on first use in this JVM (its paths must exist on the executor). */
    static DataBundles of(DataSpec spec) {
        return LOADED.computeIfAbsent(SpecJson.MAPPER.valueToTree(spec).toString(), key -> DataBundles.load(spec));
    }
}
