package io.github.absgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.absgd.report.ReportPage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train, eval and compare end to end through the command line, on a small long-tailed CSV data set. */
class TrainingCommandsTest {

    @TempDir
    static Path tmp;

    static Path csv;

    @BeforeAll
    static void writeData() throws IOException {
        Random random = new Random(3);
        int[] counts = {300, 120, 40, 15};
        List<String> lines = new ArrayList<>();
        lines.add("a,b,c,colour,label");
        for (int c = 0; c < counts.length; c++) {
            for (int i = 0; i < counts[c]; i++) {
                lines.add(String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%s,%d", c + random.nextGaussian(),
                        (c % 2) * 2 + random.nextGaussian(), random.nextGaussian(), c % 2 == 0 ? "red" : "blue", c));
            }
        }
        csv = tmp.resolve("data.csv");
        Files.write(csv, lines);
    }

    static String[] args(String command, String... more) {
        List<String> all = new ArrayList<>(List.of(command, "--dataset", "csv", "--train-file", csv.toString(),
                "--categorical", "colour", "--model", "mlp", "--hidden", "16", "--epochs", "3", "--batch-size", "32",
                "--warmup-epochs", "1", "--lr-milestones", "2", "--lr-decay", "0.1", "--stage2-epoch", "2",
                "--lambda", "1", "--threads", "1"));
        all.addAll(List.of(more));
        return all.toArray(new String[0]);
    }

    @Test
    void trainThenEvalGiveTheSameMetrics() throws IOException {
        Path out = tmp.resolve("train");
        int[] exit = new int[1];
        String[] io = ConformanceCommandTest.run(exit, args("train", "--method", "absgd-drw", "--out", out.toString()));
        assertEquals(0, exit[0], io[1]);
        assertTrue(io[0].contains("absgd-drw: balanced acc"), io[0]);
        for (String file : new String[] {"metrics.jsonl", "results.json", "checkpoint.bin", "curves.png", "per-class.png"}) {
            assertTrue(Files.size(out.resolve(file)) > 0, file);
        }
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertEquals("csv", results.get("config").get("data").get("dataset").asText());
        String[] eval = ConformanceCommandTest.run(exit, "eval", "--checkpoint", out.toString(), "--json");
        assertEquals(0, exit[0], eval[1]);
        JsonNode metrics = new ObjectMapper().readTree(eval[0]);
        assertEquals(results.get("balanced_acc").asDouble(), metrics.get("balanced_acc").asDouble(), 1e-12);
        assertEquals(4, metrics.get("confusion").size());
        // the same predictions, test sample by test sample class: the checkpoint restores the trained network
        assertEquals(results.get("confusion"), metrics.get("confusion"));
        assertEquals(results.get("per_class"), metrics.get("per_class"));
        assertEquals(results.get("macro_f1").asDouble(), metrics.get("macro_f1").asDouble(), 1e-12);
    }

    @Test
    void compareRunsEveryMethodAndSeedAndSkipsFinishedRuns() throws IOException {
        Path out = tmp.resolve("compare");
        int[] exit = new int[1];
        String[] first = ConformanceCommandTest.run(exit, args("compare", "--methods", "ce,absgd", "--seeds", "0,1",
                "--out", out.toString()));
        assertEquals(0, exit[0], first[1]);
        assertTrue(first[0].contains("balanced acc %") && first[0].contains("absgd"), first[0]);
        JsonNode summary = new ObjectMapper().readTree(out.resolve("compare.json").toFile());
        JsonNode ce = summary.get("methods").get("ce");
        assertEquals(2, ce.get("balanced_acc").get("n").asInt());
        assertTrue(ce.get("balanced_acc").get("sd").isNumber(), "sample sd over two seeds");
        for (String method : List.of("ce", "absgd")) {
            double[] seeds = new double[2];
            for (int s = 0; s < 2; s++) {
                JsonNode run = new ObjectMapper().readTree(out.resolve(method + "/seed" + s + "/results.json").toFile());
                assertEquals(method, run.get("config").get("train").get("method").asText());
                assertEquals(s, run.get("config").get("train").get("seed").asInt(), method + " seed " + s);
                seeds[s] = run.get("balanced_acc").asDouble();
            }
            JsonNode balanced = summary.get("methods").get(method).get("balanced_acc");
            double mean = (seeds[0] + seeds[1]) / 2;
            double sd = Math.abs(seeds[0] - seeds[1]) / Math.sqrt(2); // the sample sd (n - 1) of two values
            assertEquals(mean, balanced.get("mean").asDouble(), 1e-12, method + ": mean over the seeds");
            assertEquals(sd, balanced.get("sd").asDouble(), 1e-12, method + ": sample sd over the seeds");
            String cell = String.format(Locale.ROOT, "%.2f ± %.2f", 100 * mean, 100 * sd);
            assertTrue(first[0].lines().anyMatch(line -> line.matches(method + " +2 +" + java.util.regex.Pattern.quote(cell) + " .*")),
                    method + " row with 2 seeds and " + cell + " in\n" + first[0]);
        }
        for (String file : new String[] {"per-class.png", "curves.png", "report.html", "ce/seed1/results.json"}) {
            assertTrue(Files.exists(out.resolve(file)), file);
        }
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("data:image/png;base64,"), "charts are embedded");
        readsAsAReport(ReportPage.read(out.resolve("report.html")), summary, out);

        String[] again = ConformanceCommandTest.run(exit, args("compare", "--methods", "ce,absgd", "--seeds", "0,1",
                "--out", out.toString()));
        assertEquals(0, exit[0], again[1]);
        assertEquals(4, again[1].split("finished earlier, skipped", -1).length - 1, again[1]);

        // a second compare into the same directory, then a summary of everything finished there
        String[] focal = ConformanceCommandTest.run(exit, args("compare", "--methods", "focal", "--out", out.toString()));
        assertEquals(0, exit[0], focal[1]);
        assertEquals(List.of("focal"), fieldNames(new ObjectMapper().readTree(out.resolve("compare.json").toFile()).get("methods")));
        String[] report = ConformanceCommandTest.run(exit, "compare", "--report-only", "--out", out.toString());
        assertEquals(0, exit[0], report[1]);
        assertFalse(report[1].contains("seed"), "nothing trained or skipped: " + report[1]);
        JsonNode all = new ObjectMapper().readTree(out.resolve("compare.json").toFile());
        assertEquals(List.of("ce", "focal", "absgd"), fieldNames(all.get("methods")), "the usual method order");
        assertEquals(2, all.get("methods").get("ce").get("balanced_acc").get("n").asInt());
        assertEquals(ce.get("balanced_acc"), all.get("methods").get("ce").get("balanced_acc"), "the same summary as the "
                + "compare that trained them");
        assertEquals(1, all.get("methods").get("focal").get("seeds").size());
        assertTrue(all.get("methods").get("ce").get("images_per_s_median_by_threads").has("1"), all.toString());
        assertEquals("csv", all.get("data").get("dataset").asText(), "the runs' own configuration");

        ConformanceCommandTest.run(exit, "compare", "--report-only", "--methods", "absgd", "--seeds", "1", "--out", out.toString());
        JsonNode one = new ObjectMapper().readTree(out.resolve("compare.json").toFile());
        assertEquals(List.of("absgd"), fieldNames(one.get("methods")));
        assertEquals(List.of(1), List.of(one.get("methods").get("absgd").get("seeds").get(0).asInt()));

        String[] none = ConformanceCommandTest.run(exit, "compare", "--report-only", "--out", tmp.resolve("empty").toString());
        assertEquals(2, exit[0]);
        assertTrue(none[1].contains("no finished runs") && none[1].contains("empty"), none[1]);
        String[] noMethods = ConformanceCommandTest.run(exit, args("compare", "--out", tmp.resolve("x").toString()));
        assertEquals(2, exit[0]);
        assertTrue(noMethods[1].contains("--methods is required"), noMethods[1]);
    }

    /** The page shows compare.json: a row per method with mean ± sd, the best marked, the runs' training counts. */
    private static void readsAsAReport(ReportPage page, JsonNode summary, Path out) throws IOException {
        List<String> methods = fieldNames(summary.get("methods"));
        List<Element> rows = page.rows("Results");
        assertEquals(methods, rows.stream().map(r -> ReportPage.cells(r).get(0)).toList());
        String best = methods.stream().max(Comparator.comparingDouble(m -> summary.get("methods").get(m).get("balanced_acc").get("mean")
                .asDouble())).orElseThrow();
        for (Element row : rows) {
            Element balanced = row.select("td").get(2);
            assertTrue(balanced.text().contains(" ± "), balanced.text());
            assertEquals(ReportPage.cells(row).get(0).equals(best), balanced.hasClass("best"), row.text());
        }
        List<Long> counts = new ArrayList<>();
        new ObjectMapper().readTree(out.resolve("ce/seed0/results.json").toFile()).get("train_counts").forEach(c -> counts.add(c.asLong()));
        counts.sort(Comparator.reverseOrder());
        int column = page.header("Per-class test accuracy").indexOf("training images");
        assertEquals(counts, page.rows("Per-class test accuracy").stream().map(r -> Long.parseLong(ReportPage.cells(r).get(column)))
                .toList(), "training counts, the largest class first");
        page.headings().forEach(heading -> assertFalse(heading.contains(".png"), heading));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void configFileSuppliesDefaultsAndCommandLineWins() throws IOException {
        Path config = tmp.resolve("config.json");
        Files.writeString(config, "{\"method\": \"focal\", \"focal-gamma\": 2, \"epochs\": 2, \"lambda\": null}");
        Path out = tmp.resolve("configured");
        int[] exit = new int[1];
        String[] io = ConformanceCommandTest.run(exit, args("train", "--config", config.toString(), "--out", out.toString()));
        assertEquals(0, exit[0], io[1]);
        JsonNode train = new ObjectMapper().readTree(out.resolve("results.json").toFile()).get("config").get("train");
        assertEquals("focal", train.get("method").asText());
        assertEquals(2.0, train.get("focal-gamma").asDouble());
        assertEquals(3, train.get("epochs").asInt(), "the command line's --epochs 3 wins over the file");
        assertEquals(1.0, train.get("lambda").asDouble(), "--lambda 1 on the command line wins over null");
        picocli.CommandLine.Model.OptionSpec lambda = new picocli.CommandLine(new TrainCommand()).getCommandSpec().findOption("--lambda");
        assertEquals("none", JsonConfigDefaults.ofSpecification().with(new ObjectMapper().readTree("{\"lambda\": null}"), config)
                .defaultValue(lambda),
                "null in a config file is ERM");

        Files.writeString(config, "{\"learning-rate\": 0.1}");
        String[] bad = ConformanceCommandTest.run(exit, args("train", "--config", config.toString(), "--out", tmp.resolve("x").toString()));
        assertEquals(2, exit[0]);
        assertTrue(bad[1].contains("unknown key \"learning-rate\""), bad[1]);
    }

    @Test
    void badCombinationsAreOneClearLine() {
        int[] exit = new int[1];
        String[] io = ConformanceCommandTest.run(exit, args("train", "--finetune", "classifier", "--out", tmp.resolve("y").toString()));
        assertEquals(2, exit[0]);
        assertEquals("absgd: --finetune classifier needs --from, the directory of a finished stage-1 run", io[1].strip());
        String[] model = ConformanceCommandTest.run(exit, "train", "--model", "vgg", "--dataset", "csv", "--train-file",
                csv.toString(), "--out", tmp.resolve("z").toString());
        assertEquals(2, exit[0]);
        assertTrue(model[1].strip().startsWith("absgd: --model 'vgg' is not one of: small-cnn"), model[1]);
        assertFalse(model[1].contains("\tat "), model[1]);
        String[] checkpoint = ConformanceCommandTest.run(exit, "eval", "--checkpoint", tmp.resolve("nothing").toString());
        assertEquals(2, exit[0]);
        assertTrue(checkpoint[1].contains("no checkpoint there"), checkpoint[1]);
    }

    @Test
    void aValidationSplitChoosesTheEpochAndResultsSayWhich() throws IOException {
        Path out = tmp.resolve("validated");
        int[] exit = new int[1];
        String[] io = ConformanceCommandTest.run(exit, args("train", "--val-fraction", "0.2", "--keep", "best-val",
                "--out", out.toString()));
        assertEquals(0, exit[0], io[1]);
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        JsonNode chosen = results.get("chosen");
        assertEquals("best-val", chosen.get("rule").asText());
        List<String> lines = Files.readAllLines(out.resolve("metrics.jsonl"));
        double best = -1;
        int bestEpoch = 0;
        for (String line : lines) {
            JsonNode epoch = new ObjectMapper().readTree(line);
            if (epoch.get("val_balanced_acc").asDouble() > best) {
                best = epoch.get("val_balanced_acc").asDouble();
                bestEpoch = epoch.get("epoch").asInt();
            }
        }
        assertEquals(bestEpoch, chosen.get("epoch").asInt());
        assertEquals(0.2, results.get("config").get("data").get("val-fraction").asDouble());
        assertTrue(Files.exists(out.resolve("checkpoint-best.bin")));
        // 300/120/40/15 rows, 20 % of each class to the test split, then 20 % of the rest to validation
        assertEquals("[192,77,26,10]", results.get("train_counts").toString(), "the validation samples left the training set");
    }
}
