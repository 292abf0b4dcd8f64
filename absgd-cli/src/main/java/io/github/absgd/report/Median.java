package io.github.absgd.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The median of measurements (NaN for none): benchmarks and comparisons report medians, not means. */
public final class Median {

    private Median() {}

    public static double of(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
