package io.github.absgd.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.absgd.data.ClassGroups;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The long-tail evaluation of a classifier on a test set: overall and balanced accuracy (mean
 * per-class recall), per-class accuracy, many/medium/few-shot accuracy by training-set size
 * (null for an empty group), {@code tail3} (mean accuracy of the 3 smallest training classes),
 * macro-F1 and the confusion matrix (rows: true class, columns: predicted class).
 */
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
public record ClassificationMetrics(
        @JsonProperty("acc") double accuracy,
        @JsonProperty("balanced_acc") double balancedAccuracy,
        @JsonProperty("tail3") Double tail3,
        @JsonProperty("many") Double many,
        @JsonProperty("medium") Double medium,
        @JsonProperty("few") Double few,
        @JsonProperty("macro_f1") double macroF1,
        @JsonProperty("per_class") double[] perClass,
        @JsonProperty("test_counts") long[] testCounts,
        @JsonProperty("confusion") long[][] confusion) {

    /** Computes every metric from true and predicted labels; {@code trainCounts} orders the classes by size. */
    public static ClassificationMetrics of(int[] truth, int[] predicted, long[] trainCounts) {
        int classes = trainCounts.length;
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException("truth and predictions differ in length");
        }
        long[][] confusion = new long[classes][classes];
        for (int i = 0; i < truth.length; i++) {
            confusion[truth[i]][predicted[i]]++;
        }
        long[] testCounts = new long[classes];
        long[] predictedCounts = new long[classes];
        long correct = 0;
        for (int t = 0; t < classes; t++) {
            for (int p = 0; p < classes; p++) {
                testCounts[t] += confusion[t][p];
                predictedCounts[p] += confusion[t][p];
            }
            correct += confusion[t][t];
        }
        double[] perClass = new double[classes];
        double f1Sum = 0;
        List<Integer> present = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            if (testCounts[c] == 0) {
                perClass[c] = Double.NaN; // no test sample: no accuracy, left out of the means
                continue;
            }
            present.add(c);
            perClass[c] = (double) confusion[c][c] / testCounts[c];
            double precision = predictedCounts[c] == 0 ? 0 : (double) confusion[c][c] / predictedCounts[c];
            double recall = perClass[c];
            f1Sum += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }
        ClassGroups groups = ClassGroups.of(java.util.Arrays.stream(trainCounts).mapToInt(Math::toIntExact).toArray());
        Integer[] bySize = IntStream.range(0, classes).boxed()
                .filter(c -> testCounts[c] > 0)
                .sorted(Comparator.<Integer>comparingLong(c -> trainCounts[c]).thenComparing(c -> c))
                .toArray(Integer[]::new);
        List<Integer> smallest = Arrays.asList(bySize).subList(0, Math.min(3, bySize.length));
        return new ClassificationMetrics(
                truth.length == 0 ? Double.NaN : (double) correct / truth.length,
                meanOf(perClass, present),
                meanOf(perClass, smallest),
                meanOf(perClass, groups.many()),
                meanOf(perClass, groups.medium()),
                meanOf(perClass, groups.few()),
                present.isEmpty() ? Double.NaN : f1Sum / present.size(),
                perClass,
                testCounts,
                confusion);
    }

    /** The mean of the listed classes' accuracies that exist, or null when there are none (or no list). */
    private static Double meanOf(double[] perClass, List<Integer> classes) {
        if (classes == null) {
            return null;
        }
        double sum = 0;
        int n = 0;
        for (int c : classes) {
            if (!Double.isNaN(perClass[c])) {
                sum += perClass[c];
                n++;
            }
        }
        return n == 0 ? null : sum / n;
    }
}
