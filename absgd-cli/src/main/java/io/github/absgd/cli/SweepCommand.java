package io.github.absgd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.absgd.data.DataBundles;
import io.github.absgd.report.Charts;
import io.github.absgd.report.SweepReport;
import io.github.absgd.train.GridJob;
import io.github.absgd.train.Method;
import io.github.absgd.train.RunResults;
import io.github.absgd.train.RunSpec;
import io.github.absgd.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code absgd sweep}: a grid over lr, λ, γ, α and methods, chosen on validation only (resumable). */
@Command(
        name = "sweep",
        mixinStandardHelpOptions = true,
        header = "Grid over --lr, --lambda, --gamma, --alpha and methods; choose by validation (resumable).",
        sortOptions = false,
        description = {
            "Trains every method at every point of the grid given by lists of values, e.g. --lambda 0.5,1,2,5,10",
            "(--lambda, --gamma and --alpha only for the ABSGD methods, which use them), with every seed, each run",
            "in DIR/<method>/<point>/seed<k>/, then writes DIR/sweep.json: 'points', one object per run (method,",
            "seed, each swept option under its long name, val_balanced_acc and test_balanced_acc of the last",
            "epoch), and 'chosen', per method the point with the best mean validation balanced accuracy over",
            "the seeds, with its means. Needs --val-fraction: no choice reads a test metric. Also",
            "DIR/sweep.png (validation accuracy against each swept option) and DIR/report.html. Finished runs",
            "are skipped and unfinished ones resumed when the same command runs again."
        })
final class SweepCommand implements Callable<Integer> {

    private static final List<String> ATTENTION_ONLY = List.of("lambda", "gamma", "alpha");

    @Option(names = "--methods", split = ",", required = true, paramLabel = "M,M,...", description = "methods to sweep")
    List<String> methods;

    @Option(names = "--seeds", split = ",", paramLabel = "K,K,...", description = "training seeds (default: 0)")
    List<Long> seeds;

    @Mixin
    RunOptions run;

    @Mixin
    GridRuns.Options gridOptions;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/sweep", converter = OutDirectory.class,
            description = "output directory (default: ${DEFAULT-VALUE})")
    Path out;

    /** A run of the grid and where it stands in it. */
    private record Point(String method, long seed, Map<String, JsonNode> values) {}

    @Override
    public Integer call() throws Exception {
        List<Long> trainingSeeds = seeds == null ? List.of(0L) : seeds;
        GridRuns.requireDistinct("--methods", methods);
        GridRuns.requireDistinct("--seeds", trainingSeeds);
        Map<String, List<JsonNode>> grid = run.gridValues();
        for (Map.Entry<String, List<JsonNode>> option : grid.entrySet()) {
            GridRuns.requireDistinct("--" + option.getKey(), option.getValue());
        }
        RunSpec base = run.spec(firstValues(grid));
        if (base.data().valFraction() == 0 && base.data().valFile() == null) {
            throw new UserError("sweep chooses on a validation set: give --val-fraction (e.g. 0.1) or --val-file");
        }
        List<GridJob> jobs = new ArrayList<>();
        Map<GridJob, Point> points = new LinkedHashMap<>();
        for (String name : methods) {
            Method method = Method.parse(name);
            for (Map<String, JsonNode> values : product(grid, method)) {
                for (long seed : trainingSeeds) { // every run checked before the first trains
                    RunSpec spec = run.spec(values).toBuilder().method(method).seed(seed).build();
                    Path dir = out.resolve(method.id()).resolve(label(values)).resolve("seed" + seed);
                    GridJob job = new GridJob(spec, dir, method.id() + " " + label(values) + " seed " + seed);
                    jobs.add(job);
                    points.put(job, new Point(method.id(), seed, values));
                }
            }
        }
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode pointsJson = json.createArrayNode();
        Integer stopped = GridRuns.trainAll(jobs, gridOptions, out, () -> DataBundles.load(base.data()), (job, results) -> {
            Point point = points.get(job);
            ObjectNode p = pointsJson.addObject();
            p.put("method", point.method());
            p.put("seed", point.seed());
            point.values().forEach(p::set);
            p.put("val_balanced_acc", lastValidation(results));
            p.put("test_balanced_acc", results.metrics().balancedAccuracy());
        });
        if (stopped != null) {
            return stopped;
        }
        ObjectNode sweep = json.createObjectNode();
        sweep.set("swept", json.valueToTree(swept(grid)));
        sweep.set("points", pointsJson);
        sweep.set("chosen", chosen(pointsJson, json));
        sweep.set("config", base.toJson());
        AtomicFiles.write(out.resolve("sweep.json"), json.writeValueAsBytes(sweep));
        System.out.print(table(sweep.get("chosen")));
        writeChart(pointsJson, swept(grid));
        try {
            new SweepReport(sweep).write(out.resolve("report.html"), out.resolve("sweep.png"));
        } catch (IOException e) {
            System.err.println("absgd: warning: report not written: " + e.getMessage());
        }
        System.out.println("sweep.json, sweep.png and report.html are in " + out);
        return 0;
    }

    private static Map<String, JsonNode> firstValues(Map<String, List<JsonNode>> grid) {
        Map<String, JsonNode> first = new LinkedHashMap<>();
        grid.forEach((key, values) -> first.put(key, values.get(0)));
        return first;
    }

    /** The options given more than one value. */
    private static List<String> swept(Map<String, List<JsonNode>> grid) {
        return grid.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey).toList();
    }

    /** Every combination of the grid's values a method uses (λ, γ, α only for attentional methods). */
    private static List<Map<String, JsonNode>> product(Map<String, List<JsonNode>> grid, Method method) {
        List<Map<String, JsonNode>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<JsonNode>> option : grid.entrySet()) {
            List<JsonNode> values = !method.attentional() && ATTENTION_ONLY.contains(option.getKey())
                    ? List.of(option.getValue().get(0)) : option.getValue();
            List<Map<String, JsonNode>> next = new ArrayList<>();
            for (Map<String, JsonNode> point : points) {
                for (JsonNode value : values) {
                    Map<String, JsonNode> extended = new LinkedHashMap<>(point);
                    extended.put(option.getKey(), value);
                    next.add(extended);
                }
            }
            points = next;
        }
        return points;
    }

    /** The point's directory name, e.g. {@code lr=0.1,lambda=2.0,gamma=0.7,alpha=0.5}. */
    private static String label(Map<String, JsonNode> values) {
        List<String> parts = new ArrayList<>();
        values.forEach((key, value) -> parts.add(key + "=" + (value.isNull() ? "none" : value.asText())));
        return String.join(",", parts);
    }

    private static double lastValidation(RunResults results) {
        Double value = results.history().get(results.history().size() - 1).valBalancedAccuracy();
        return value == null ? Double.NaN : value;
    }

    /** Per method, the point with the best mean validation balanced accuracy over seeds (the first on a tie). */
    private static ObjectNode chosen(ArrayNode points, ObjectMapper json) {
        Map<String, Map<String, List<JsonNode>>> byMethodAndPoint = new LinkedHashMap<>();
        for (JsonNode p : points) {
            ObjectNode values = p.deepCopy();
            values.remove(List.of("method", "seed", "val_balanced_acc", "test_balanced_acc"));
            byMethodAndPoint.computeIfAbsent(p.get("method").asText(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(values.toString(), k -> new ArrayList<>()).add(p);
        }
        ObjectNode chosen = json.createObjectNode();
        byMethodAndPoint.forEach((method, byPoint) -> {
            ObjectNode best = null;
            double bestMean = Double.NEGATIVE_INFINITY;
            for (List<JsonNode> runs : byPoint.values()) {
                double val = runs.stream().mapToDouble(r -> r.get("val_balanced_acc").asDouble()).average().orElse(Double.NaN);
                if (val > bestMean) {
                    bestMean = val;
                    best = runs.get(0).deepCopy();
                    best.remove(List.of("method", "seed", "val_balanced_acc", "test_balanced_acc"));
                    best.put("val_balanced_acc_mean", val);
                    best.put("test_balanced_acc_mean",
                            runs.stream().mapToDouble(r -> r.get("test_balanced_acc").asDouble()).average().orElse(Double.NaN));
                    best.put("seeds", runs.size());
                }
            }
            chosen.set(method, best);
        });
        return chosen;
    }

    private static String table(JsonNode chosen) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-16s %-40s %10s %10s%n", "method", "chosen on validation",
                "val bal %", "test bal %"));
        chosen.fields().forEachRemaining(e -> {
            ObjectNode values = e.getValue().deepCopy();
            double val = values.remove("val_balanced_acc_mean").asDouble();
            double test = values.remove("test_balanced_acc_mean").asDouble();
            values.remove("seeds");
            table.append(String.format(Locale.ROOT, "%-16s %-40s %10.2f %10.2f%n", e.getKey(), values, 100 * val, 100 * test));
        });
        return table.toString();
    }

    private void writeChart(ArrayNode points, List<String> swept) {
        try {
            Map<String, Map<String, Map<Double, Double>>> bySetting = new LinkedHashMap<>();
            for (String setting : swept) {
                Map<String, Map<Double, List<Double>>> sums = new LinkedHashMap<>();
                for (JsonNode p : points) {
                    if (p.hasNonNull(setting)) {
                        sums.computeIfAbsent(p.get("method").asText(), k -> new TreeMap<>())
                                .computeIfAbsent(p.get(setting).asDouble(), k -> new ArrayList<>())
                                .add(p.get("val_balanced_acc").asDouble());
                    }
                }
                Map<String, Map<Double, Double>> means = new LinkedHashMap<>();
                sums.forEach((method, byValue) -> {
                    Map<Double, Double> m = new TreeMap<>();
                    byValue.forEach((v, list) -> m.put(v, list.stream().mapToDouble(Double::doubleValue).average()
                            .orElse(Double.NaN)));
                    if (m.size() > 1) {
                        means.put(method, m);
                    }
                });
                bySetting.put(setting, means);
            }
            Charts.sweep(bySetting, out.resolve("sweep.png"));
        } catch (Exception e) {
            System.err.println("absgd: warning: chart not written: " + e.getMessage());
        }
    }
}
