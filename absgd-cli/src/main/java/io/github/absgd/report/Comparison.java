package io.github.absgd.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.absgd.eval.ClassificationMetrics;
import io.github.absgd.train.RunResults;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The summary of a comparison: per method, mean and sample sd over seeds of balanced accuracy,
 * tail-3, many/medium/few-shot and overall accuracy, and the median training throughput.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Comparison(@JsonProperty("methods") Map<String, MethodSummary> methods) {

    /** One method's row. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record MethodSummary(
            @JsonProperty("seeds") List<Long> seeds,
            @JsonProperty("balanced_acc") MeanSd balancedAccuracy,
            @JsonProperty("tail3") MeanSd tail3,
            @JsonProperty("many") MeanSd many,
            @JsonProperty("medium") MeanSd medium,
            @JsonProperty("few") MeanSd few,
            @JsonProperty("acc") MeanSd accuracy,
            @JsonProperty("macro_f1") MeanSd macroF1,
            @JsonProperty("images_per_s_median") double imagesPerSecondMedian,
            @JsonProperty("images_per_s_median_by_threads") Map<Integer, Double> imagesPerSecondByThreads,
            @JsonProperty("per_class_mean") double[] perClassMean) {}

    /** Summarises finished runs by method (in the given order); {@code seeds} pairs with each run. */
    public static Comparison of(Map<String, List<RunResults>> runs, Map<String, List<Long>> seeds) {
        Map<String, MethodSummary> methods = new LinkedHashMap<>();
        for (Map.Entry<String, List<RunResults>> entry : runs.entrySet()) {
            List<ClassificationMetrics> metrics = entry.getValue().stream().map(RunResults::metrics).toList();
            double median = Median.of(entry.getValue().stream().map(RunResults::imagesPerSecond).toList());
            // runs made side by side (--threads 1 each) and alone (all cores) have different speeds
            Map<Integer, Double> byThreads = new TreeMap<>();
            entry.getValue().stream()
                    .collect(Collectors.groupingBy(Comparison::threads, TreeMap::new,
                            Collectors.mapping(RunResults::imagesPerSecond, Collectors.toList())))
                    .forEach((threads, speeds) -> byThreads.put(threads, Median.of(speeds)));
            methods.put(entry.getKey(), new MethodSummary(
                    seeds.get(entry.getKey()),
                    summary(metrics, ClassificationMetrics::balancedAccuracy),
                    summary(metrics, ClassificationMetrics::tail3),
                    summary(metrics, ClassificationMetrics::many),
                    summary(metrics, ClassificationMetrics::medium),
                    summary(metrics, ClassificationMetrics::few),
                    summary(metrics, ClassificationMetrics::accuracy),
                    summary(metrics, ClassificationMetrics::macroF1),
                    median,
                    byThreads,
                    perClassMean(metrics)));
        }
        return new Comparison(methods);
    }

    /** The run's --threads (0 = all cores); -1 where its configuration does not say. */
    private static int threads(RunResults run) {
        return run.config() == null ? -1 : run.config().path("train").path("threads").asInt(-1);
    }

    private static MeanSd summary(List<ClassificationMetrics> runs, Function<ClassificationMetrics, Double> metric) {
        return MeanSd.of(runs.stream().map(metric).toList());
    }

    private static double[] perClassMean(List<ClassificationMetrics> runs) {
        if (runs.isEmpty()) {
            return new double[0];
        }
        double[] mean = new double[runs.get(0).perClass().length];
        for (ClassificationMetrics run : runs) {
            for (int c = 0; c < mean.length; c++) {
                mean[c] += run.perClass()[c] / runs.size();
            }
        }
        return mean;
    }

    /** Each method's per-class test accuracy, mean over seeds. */
    public Map<String, double[]> perClassMeans() {
        Map<String, double[]> perClass = new LinkedHashMap<>();
        methods.forEach((method, summary) -> perClass.put(method, summary.perClassMean()));
        return perClass;
    }

    /** The terminal table: one row per method, percent, mean ± sd over seeds. */
    public String table() {
        String[] header = {"method", "seeds", "balanced acc %", "tail-3 %", "many %", "medium %", "few %", "images/s"};
        List<String[]> rows = new ArrayList<>();
        rows.add(header);
        for (Map.Entry<String, MethodSummary> e : methods.entrySet()) {
            MethodSummary m = e.getValue();
            rows.add(new String[] {e.getKey(), String.valueOf(m.seeds().size()), cell(m.balancedAccuracy()), cell(m.tail3()),
                cell(m.many()), cell(m.medium()), cell(m.few()), speed(m)});
        }
        int[] widths = new int[header.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            for (int i = 0; i < row.length; i++) {
                String format = i == 0 ? "%-" + widths[i] + "s" : "  %" + widths[i] + "s";
                out.append(String.format(Locale.ROOT, format, row[i]));
            }
            out.append('\n');
            if (r == 0) {
                int total = 0;
                for (int w : widths) {
                    total += w + 2;
                }
                out.append("-".repeat(total - 2)).append('\n');
            }
        }
        return out.toString();
    }

    /** The median images/s, per --threads setting where the runs used several ("800 (--threads 1); 1019 (--threads 0)"). */
    static String speed(MethodSummary m) {
        if (m.imagesPerSecondByThreads().size() <= 1) {
            return String.format(Locale.ROOT, "%.0f", m.imagesPerSecondMedian());
        }
        return m.imagesPerSecondByThreads().entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%.0f (--threads %d)", e.getValue(), e.getKey()))
                .collect(Collectors.joining("; "));
    }

    static String cell(MeanSd value) {
        return value == null ? "–" : value.percent();
    }
}
