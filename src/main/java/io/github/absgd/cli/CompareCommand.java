package io.github.absgd.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.absgd.AtomicFiles;
import io.github.absgd.data.DataOptions;
import io.github.absgd.report.Charts;
import io.github.absgd.report.Comparison;
import io.github.absgd.report.HtmlReport;
import io.github.absgd.train.EpochRecord;
import io.github.absgd.train.Interrupts;
import io.github.absgd.train.Method;
import io.github.absgd.train.RunConfig;
import io.github.absgd.train.RunResults;
import io.github.absgd.train.TrainingRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code absgd compare}: several methods over several seeds, resumable, with a table, charts and a report. */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        header = "Train several methods over several seeds and compare them (resumable).",
        sortOptions = false,
        description = {
            "Trains every method with every seed (each run in DIR/<method>/seed<k>/, a train output),",
            "then writes DIR/compare.json (per method: mean and sample sd over seeds of balanced accuracy,",
            "tail-3, many/medium/few), DIR/per-class.png, DIR/curves.png and a self-contained",
            "DIR/report.html, and prints the table. Finished runs are skipped and unfinished ones resumed",
            "when the same command runs again. Other options are those of 'train'."
        })
final class CompareCommand implements Callable<Integer> {

    @Option(names = "--methods", split = ",", required = true, paramLabel = "M,M,...", description = "methods to compare, e.g. ce,absgd-drw")
    List<String> methods;

    @Option(names = "--seeds", split = ",", defaultValue = "0", paramLabel = "K,K,...", description = "training seeds (default: ${DEFAULT-VALUE})")
    List<Long> seeds;

    @Mixin
    RunOptions run;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/compare", description = "output directory (default: ${DEFAULT-VALUE})")
    Path out;


    @Override
    public Integer call() throws Exception {
        run.prepare();
        RunConfig config = run.config;
        DataOptions data = run.data;
        for (String method : methods) {
            Method.parse(method);
        }
        Interrupts.install();
        ObjectMapper json = new ObjectMapper();
        Map<String, List<RunResults>> results = new LinkedHashMap<>();
        Map<String, List<Long>> seedsByMethod = new LinkedHashMap<>();
        for (long seed : seeds) {
            data.seed = seed;
            try (DataBundles loaded = DataBundles.load(data)) {
                for (String method : methods) {
                    RunConfig methodConfig = json.treeToValue(json.valueToTree(config), RunConfig.class);
                    methodConfig.method = method;
                    methodConfig.validate();
                    Path dir = out.resolve(method).resolve("seed" + seed);
                    boolean exists = java.nio.file.Files.exists(dir.resolve(io.github.absgd.train.CheckpointFile.FILE_NAME));
                    String label = method + " seed " + seed;
                    try (ConsoleProgress progress = new ConsoleProgress(label)) {
                        TrainingRun.Outcome outcome = TrainingRun.run(methodConfig, loaded.bundle(), dir, exists, progress);
                        if (outcome.status() == TrainingRun.Status.INTERRUPTED) {
                            System.err.println("absgd: stopped; run the same command again to continue");
                            return 130;
                        }
                        if (outcome.status() == TrainingRun.Status.ALREADY_FINISHED) {
                            System.err.println("absgd: " + label + ": finished earlier, skipped");
                        } else {
                            TrainCommand.writeCharts(dir, method, outcome.results());
                        }
                        results.computeIfAbsent(method, k -> new ArrayList<>()).add(outcome.results());
                        seedsByMethod.computeIfAbsent(method, k -> new ArrayList<>()).add(seed);
                    }
                }
            }
        }
        Comparison comparison = Comparison.of(results, seedsByMethod);
        ObjectMapper pretty = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode summary = pretty.valueToTree(comparison);
        summary.set("config", pretty.valueToTree(config));
        summary.set("data", DataBundles.description(data));
        AtomicFiles.write(out.resolve("compare.json"), pretty.writeValueAsBytes(summary));
        writeCharts(results, comparison);
        String table = comparison.table();
        System.out.print(table);
        System.out.println("compare.json, per-class.png, curves.png and report.html are in " + out);
        HtmlReport.write(out.resolve("report.html"), "absgd compare: " + String.join(" vs ", methods),
                "Balanced test accuracy and the other metrics below are mean ± sample sd over seeds " + seeds
                        + " (percent). Data: " + DataBundles.description(data) + ". Training: " + json.valueToTree(config),
                table, List.of(out.resolve("per-class.png"), out.resolve("curves.png")));
        return 0;
    }

    private void writeCharts(Map<String, List<RunResults>> results, Comparison comparison) {
        try {
            Map<String, double[]> perClass = new LinkedHashMap<>();
            comparison.methods().forEach((method, summary) -> perClass.put(method, summary.perClassMean()));
            RunResults any = results.values().iterator().next().get(0);
            Charts.perClass(perClass, any.trainCounts(), any.classNames(), out.resolve("per-class.png"));
            Map<String, List<EpochRecord>> curves = new LinkedHashMap<>();
            results.forEach((method, runs) -> curves.put(method, runs.get(0).history()));
            Charts.curves(curves, out.resolve("curves.png"));
        } catch (Exception e) {
            System.err.println("absgd: warning: charts not written: " + e.getMessage());
        }
    }
}
