package io.github.absgd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.absgd.data.DataBundles;
import io.github.absgd.report.Charts;
import io.github.absgd.report.CompareReport;
import io.github.absgd.report.Comparison;
import io.github.absgd.report.ComparisonRuns;
import io.github.absgd.train.EpochRecord;
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
            "tail-3, many/medium/few, median images/s), DIR/per-class.png, DIR/curves.png and a",
            "self-contained DIR/report.html, and prints the table. Finished runs are skipped and",
            "unfinished ones resumed when the same command runs again. Other options are those of 'train'.",
            "With --report-only nothing is trained: the summary covers every finished run in DIR (or those",
            "of --methods / --seeds), e.g. after several compare commands ran side by side into one DIR."
        })
final class CompareCommand implements Callable<Integer> {

    @Option(names = "--methods", split = ",", paramLabel = "M,M,...",
            description = "methods to compare, e.g. ce,absgd-drw (required unless --report-only)")
    List<String> methods;

    @Option(names = "--seeds", split = ",", paramLabel = "K,K,...", description = "training seeds (default: 0)")
    List<Long> seeds;

    @Mixin
    RunOptions run;

    @Mixin
    GridRuns.Options gridOptions;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/compare", converter = OutDirectory.class,
            description = "output directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--report-only", description = "train nothing; summarise the finished runs in DIR")
    boolean reportOnly;

    @Override
    public Integer call() throws Exception {
        if (reportOnly) {
            return report();
        }
        if (methods == null) {
            throw new UserError("--methods is required (or --report-only to summarise the finished runs in " + out + ")");
        }
        List<Long> trainingSeeds = seeds == null ? List.of(0L) : seeds;
        GridRuns.requireDistinct("--methods", methods);
        GridRuns.requireDistinct("--seeds", trainingSeeds);
        RunSpec spec = run.spec();
        List<GridJob> jobs = new ArrayList<>();
        for (long seed : trainingSeeds) {
            for (String method : methods) { // every run checked before the first trains
                jobs.add(new GridJob(spec.toBuilder().method(Method.parse(method)).seed(seed).build(),
                        ComparisonRuns.runDirectory(out, method, seed), method + " seed " + seed));
            }
        }
        Map<String, List<RunResults>> results = new LinkedHashMap<>();
        Map<String, List<Long>> seedsByMethod = new LinkedHashMap<>();
        Integer stopped = GridRuns.trainAll(jobs, gridOptions, out, () -> DataBundles.load(spec.data()), (job, finished) -> {
            String method = job.spec().method().id();
            results.computeIfAbsent(method, k -> new ArrayList<>()).add(finished);
            seedsByMethod.computeIfAbsent(method, k -> new ArrayList<>()).add(job.spec().seed());
        });
        if (stopped != null) {
            return stopped;
        }
        writeSummary(new ComparisonRuns(results, seedsByMethod), spec.toJson());
        return 0;
    }

    /** --report-only: the summary of the finished runs already in {@code out}. */
    private int report() throws IOException {
        ComparisonRuns finished = ComparisonRuns.finished(out, methods, seeds);
        if (finished.isEmpty()) {
            throw new UserError("no finished runs (" + out.resolve("<method>/seed<k>/results.json") + ")"
                    + (methods == null ? "" : " of " + String.join(",", methods)) + (seeds == null ? "" : " with seeds " + seeds));
        }
        // every run carries its configuration; the summary shows the first one's (method and seed differ)
        JsonNode first = finished.results().values().iterator().next().get(0).config();
        writeSummary(finished, first);
        return 0;
    }

    /** {@code config}: the runs' {@code {"train": {...}, "data": {...}}} (null when they do not record it). */
    private void writeSummary(ComparisonRuns runs, JsonNode config) throws IOException {
        Comparison comparison = Comparison.of(runs.results(), runs.seeds());
        ObjectMapper pretty = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode summary = pretty.valueToTree(comparison);
        summary.set("config", config == null ? null : config.get("train"));
        summary.set("data", config == null ? null : config.get("data"));
        AtomicFiles.write(out.resolve("compare.json"), pretty.writeValueAsBytes(summary));
        writeCharts(runs.results(), comparison);
        System.out.print(comparison.table());
        System.out.println("compare.json, per-class.png, curves.png and report.html are in " + out);
        RunResults any = runs.results().values().iterator().next().get(0);
        new CompareReport(comparison, config, any.trainCounts(), any.classNames())
                .write(out.resolve("report.html"), out.resolve("per-class.png"), out.resolve("curves.png"));
    }

    private void writeCharts(Map<String, List<RunResults>> results, Comparison comparison) {
        try {
            RunResults any = results.values().iterator().next().get(0);
            Charts.perClass(comparison.perClassMeans(), any.trainCounts(), any.classNames(), out.resolve("per-class.png"));
            Map<String, List<EpochRecord>> curves = new LinkedHashMap<>();
            results.forEach((method, runs) -> curves.put(method, runs.get(0).history()));
            Charts.curves(curves, out.resolve("curves.png"));
        } catch (Exception e) {
            System.err.println("absgd: warning: charts not written: " + e.getMessage());
        }
    }
}
