package io.github.absgd.conformance;

import java.util.Locale;

/**
 * The outcome of replaying one golden trajectory: {@code maxDeviation} is the largest deviation
 * seen, each scaled as the comparison rules scale it (so the case passes when it is at most the
 * file's tolerance); {@code firstFailure} names the first step and quantity out of tolerance.
 */
public record ConformanceResult(
        String name, int steps, double maxDeviation, double tolerance, String firstFailure) {

    public boolean passed() {
        return firstFailure == null;
    }

    /** {@code NAME steps=N max_dev=X PASS}, or {@code ... FAIL <first failure>}. */
    public String summaryLine() {
        String line = String.format(Locale.ROOT, "%s steps=%d max_dev=%.3g", name, steps, maxDeviation);
        return passed() ? line + " PASS" : line + " FAIL " + firstFailure;
    }
}
