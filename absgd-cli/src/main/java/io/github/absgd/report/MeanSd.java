package io.github.absgd.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Mean and sample standard deviation (n − 1) of a metric over seeds; {@code sd} is null for a
 * single value, and the whole summary is null where no run had the metric (an empty class group).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MeanSd(@JsonProperty("mean") double mean, @JsonProperty("sd") Double sd, @JsonProperty("n") int n) {

    /** The summary of the non-null values, or null when there are none. */
    public static MeanSd of(List<Double> values) {
        List<Double> present = values.stream().filter(Objects::nonNull).filter(v -> !v.isNaN()).toList();
        if (present.isEmpty()) {
            return null;
        }
        double mean = present.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        Double sd = null;
        if (present.size() > 1) {
            double squares = present.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
            sd = Math.sqrt(squares / (present.size() - 1));
        }
        return new MeanSd(mean, sd, present.size());
    }

    /** "81.64 ± 0.54" in percent (or "81.64" for one value). */
    public String percent() {
        return sd == null ? String.format(Locale.ROOT, "%.2f", 100 * mean)
                : String.format(Locale.ROOT, "%.2f ± %.2f", 100 * mean, 100 * sd);
    }
}
