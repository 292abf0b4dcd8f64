package io.github.absgd.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A summary of a training set as it would be trained on, as a JSON-ready map (keys {@code dataset},
 * {@code classes}, {@code class_names}, {@code counts}, {@code noisy_counts}, {@code train_size},
 * {@code test_size}, {@code imbalance_ratio}, {@code groups}, {@code normalization}) or as text.
 */
public final class DataSummary {

    private DataSummary() {}

    /** The summary as nested maps and lists, ready for Jackson; empty groups are null. */
    public static Map<String, Object> asMap(TrainTestData data) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dataset", data.kind().id());
        out.put("classes", data.numClasses());
        out.put("class_names", data.classNames());
        out.put("counts", data.trainCounts());
        out.put("noisy_counts", data.noisyTrainCounts());
        out.put("train_size", data.train().size());
        out.put("test_size", data.test().size());
        out.put("test_counts", data.test().trueClassCounts());
        double ratio = data.imbalanceRatio();
        out.put("imbalance_ratio", Double.isNaN(ratio) ? null : ratio);
        out.put("noisy_fraction", noisyFraction(data.train()));
        ClassGroups groups = data.groups();
        Map<String, Object> groupMap = new LinkedHashMap<>();
        groupMap.put("many", groups.many());
        groupMap.put("medium", groups.medium());
        groupMap.put("few", groups.few());
        out.put("groups", groupMap);
        out.put("sample_shape", data.train().sampleShape());
        Map<String, Object> norm = new LinkedHashMap<>();
        norm.put("mean", data.normalization().mean());
        norm.put("std", data.normalization().std());
        out.put("normalization", norm);
        return out;
    }

    /** The summary as human-readable lines. */
    public static List<String> asText(TrainTestData data) {
        List<String> lines = new ArrayList<>();
        int[] counts = data.trainCounts();
        int[] noisy = data.noisyTrainCounts();
        lines.add("dataset " + data.kind() + ": " + data.numClasses() + " classes, sample shape "
                + Arrays.toString(data.train().sampleShape()) + ", " + data.train().size() + " training and "
                + data.test().size() + " test samples");
        double ratio = data.imbalanceRatio();
        lines.add(String.format(Locale.ROOT, "imbalance ratio %s, %.2f%% of training labels noisy",
                Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.2f", ratio),
                100 * noisyFraction(data.train())));
        ClassGroups groups = data.groups();
        lines.add("groups: many " + describe(groups.many()) + ", medium " + describe(groups.medium()) + ", few "
                + describe(groups.few()));
        lines.add(String.format(Locale.ROOT, "%5s  %-20s %8s %8s", "class", "name", "count", "noisy"));
        List<String> names = data.classNames();
        for (int c = 0; c < counts.length; c++) {
            lines.add(String.format(Locale.ROOT, "%5d  %-20s %8d %8d", c, names.get(c), counts[c], noisy[c]));
        }
        lines.add("normalisation: " + data.normalization());
        return lines;
    }

    private static double noisyFraction(LabeledData train) {
        int flipped = 0;
        for (int i = 0; i < train.size(); i++) {
            if (train.labels()[i] != train.trueLabels()[i]) {
                flipped++;
            }
        }
        return train.size() == 0 ? 0 : (double) flipped / train.size();
    }

    private static String describe(List<Integer> group) {
        return group == null ? "none" : group.size() + " " + group;
    }
}
