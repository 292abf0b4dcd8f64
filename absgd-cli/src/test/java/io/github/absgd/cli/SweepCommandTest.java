package io.github.absgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.absgd.train.Interrupts;
import io.github.absgd.report.ReportPage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sweep}: the grid, sweep.json's points and choice, chosen on validation only, resumable. */
class SweepCommandTest {

    @TempDir
    Path tmp;

    /** A long-tailed 4-class CSV; {@code shift} moves every label to the next class (a test file with wrong labels). */
    private Path csv(String name, int rows, long seed, int shift) throws IOException {
        Random random = new Random(seed);
        int[] share = {0, 0, 0, 0, 0, 0, 1, 1, 2, 3};
        List<String> lines = new ArrayList<>(List.of("a,b,label"));
        for (int i = 0; i < rows; i++) {
            int c = share[i % share.length];
            lines.add(String.format(Locale.ROOT, "%.3f,%.3f,%d", c + random.nextGaussian(), (c % 2) * 2 + random.nextGaussian(),
                    (c + shift) % 4));
        }
        return Files.write(tmp.resolve(name), lines);
    }

    private String[] sweep(Path train, Path test, Path out) {
        return new String[] {"sweep", "--methods", "absgd,ce", "--lambda", "0.5,2", "--seeds", "0,1", "--val-fraction", "0.2",
            "--dataset", "csv", "--train-file", train.toString(), "--test-file", test.toString(), "--model", "mlp", "--hidden", "8",
            "--epochs", "3", "--batch-size", "32", "--warmup-epochs", "0", "--stage2-epoch", "1", "--lr-milestones", "2",
            "--threads", "1", "--out", out.toString()};
    }

    private static String[] succeeds(String... args) {
        String[] result = CommandLineRun.run(args);
        assertEquals("0", result[0], result[2]);
        return result;
    }

    @Test
    void theGridIsTrainedAndTheChoiceIsTheBestMeanValidationAccuracy() throws IOException {
        Path train = csv("train.csv", 400, 1, 0);
        Path test = csv("test.csv", 120, 2, 0);
        Path out = tmp.resolve("sweep");
        String[] result = succeeds(sweep(train, test, out));
        JsonNode sweep = new ObjectMapper().readTree(out.resolve("sweep.json").toFile());
        JsonNode points = sweep.get("points");
        assertEquals(6, points.size(), "absgd: 2 lambdas x 2 seeds; ce: lambda does not apply, 2 seeds");
        double[] meanByLambda = new double[2];
        for (JsonNode p : points) {
            assertTrue(p.has("lr") && p.has("lambda") && p.has("val_balanced_acc") && p.has("test_balanced_acc"), p.toString());
            if (p.get("method").asText().equals("absgd")) {
                meanByLambda[p.get("lambda").asDouble() == 0.5 ? 0 : 1] += p.get("val_balanced_acc").asDouble() / 2;
            }
        }
        JsonNode chosen = sweep.get("chosen").get("absgd");
        double expected = meanByLambda[1] > meanByLambda[0] ? 2.0 : 0.5;
        assertEquals(expected, chosen.get("lambda").asDouble(), "the best mean validation accuracy: " + meanByLambda[0] + " vs "
                + meanByLambda[1]);
        assertEquals(Math.max(meanByLambda[0], meanByLambda[1]), chosen.get("val_balanced_acc_mean").asDouble(), 1e-12);
        assertEquals(2, chosen.get("seeds").asInt());
        assertTrue(sweep.get("chosen").has("ce"));
        assertEquals("[\"lambda\"]", sweep.get("swept").toString());
        assertTrue(Files.exists(out.resolve("sweep.png")) && Files.exists(out.resolve("report.html")));
        List<List<String>> marked = ReportPage.read(out.resolve("report.html")).rows("Every point of the grid").stream()
                .filter(row -> row.hasClass("chosen")).map(ReportPage::cells).toList();
        assertEquals(List.of("absgd", "ce"), marked.stream().map(row -> row.get(0)).sorted().toList(), "one chosen point per method");
        assertTrue(marked.contains(List.of("absgd", chosen.get("lambda").asText(), String.format(Locale.ROOT, "%.2f",
                100 * chosen.get("val_balanced_acc_mean").asDouble()), String.format(Locale.ROOT, "%.2f",
                100 * chosen.get("test_balanced_acc_mean").asDouble()), "2", "★ chosen")), "sweep.json's choice marked: " + marked);

        String[] again = succeeds(sweep(train, test, out));
        assertEquals(6, again[2].lines().filter(l -> l.endsWith("finished earlier, skipped")).count(), again[2]);

        Path swapped = tmp.resolve("swapped");
        String[] other = succeeds(sweep(train, csv("test-swapped.csv", 120, 2, 1), swapped));
        JsonNode otherChoice = new ObjectMapper().readTree(swapped.resolve("sweep.json").toFile()).get("chosen").get("absgd");
        assertEquals(chosen.get("lambda"), otherChoice.get("lambda"), "the same choice whatever the test labels");
        assertTrue(otherChoice.get("test_balanced_acc_mean").asDouble() < chosen.get("test_balanced_acc_mean").asDouble(),
                "the test labels really were swapped");
    }

    @Test
    void aSharedStage1AndRunsSideBySideGiveEveryPointExactlyTheMetricsOfSeparateRuns() throws IOException {
        Path train = csv("train.csv", 400, 1, 0);
        Path test = csv("test.csv", 120, 2, 0);
        Path shared = tmp.resolve("shared");
        succeeds(sweep(train, test, shared));
        Path separate = tmp.resolve("separate");
        List<String> alone = new ArrayList<>(List.of(sweep(train, test, separate)));
        alone.add("--no-shared-stage1");
        String[] other = succeeds(alone.toArray(String[]::new));

        Path sideBySide = tmp.resolve("side-by-side");
        List<String> twoAtOnce = new ArrayList<>(List.of(sweep(train, test, sideBySide)));
        twoAtOnce.addAll(List.of("--jobs", "2"));
        succeeds(twoAtOnce.toArray(String[]::new));

        ObjectMapper json = new ObjectMapper();
        JsonNode points = json.readTree(shared.resolve("sweep.json").toFile()).get("points");
        assertEquals(json.readTree(separate.resolve("sweep.json").toFile()).get("points"), points,
                "every point's metrics, bit for bit, with each run's stage 1 its own");
        assertEquals(json.readTree(sideBySide.resolve("sweep.json").toFile()).get("points"), points,
                "every point's metrics, bit for bit, with two runs trained at once");
        try (var stage1 = Files.list(shared.resolve("stage1"))) {
            assertEquals(2, stage1.count(), "one stage 1 per seed serves ce and absgd at both lambdas");
        }
        assertTrue(Files.notExists(separate.resolve("stage1")));
        try (var runs = Files.walk(shared)) {
            for (Path results : runs.filter(p -> p.endsWith("results.json")).toList()) {
                JsonNode stage1 = json.readTree(results.toFile()).get("stage1");
                assertTrue(stage1.get("run").asText().contains("stage1"), results + ": " + stage1);
                assertEquals(1, stage1.get("epochs").asInt());
            }
        }
    }

    @Test
    void aStopAskedForBeforeTheGridStartsTrainsNothingAndTheSameCommandThenRunsIt() throws IOException {
        Path train = csv("train.csv", 400, 1, 0);
        Path test = csv("test.csv", 120, 2, 0);
        Path out = tmp.resolve("stopped");
        Interrupts.request(true); // as SIGINT would: the runs not yet started stay unstarted
        String[] stopped;
        try {
            stopped = CommandLineRun.run(sweep(train, test, out));
        } finally {
            Interrupts.request(false);
        }
        assertEquals("130", stopped[0], stopped[2]);
        assertTrue(Files.notExists(out.resolve("sweep.json")), "no summary of a grid that did not run");
        succeeds(sweep(train, test, out));
        assertEquals(6, new ObjectMapper().readTree(out.resolve("sweep.json").toFile()).get("points").size());
    }

    @Test
    void aSweepNeedsAValidationSetAndTrainTakesOneValue() throws IOException {
        Path train = csv("t.csv", 100, 1, 0);
        String[] noValidation = CommandLineRun.run("sweep", "--methods", "absgd", "--lambda", "1,2", "--dataset", "csv",
                "--train-file", train.toString(), "--out", tmp.resolve("x").toString());
        assertEquals("2", noValidation[0]);
        assertEquals("absgd: sweep chooses on a validation set: give --val-fraction (e.g. 0.1) or --val-file", noValidation[2].strip());
        String[] list = CommandLineRun.run("train", "--lambda", "1,2", "--dataset", "csv", "--train-file", train.toString(),
                "--out", tmp.resolve("y").toString());
        assertEquals("2", list[0]);
        assertEquals("absgd: --lambda takes one value here, got [1.0,2.0] (a list of values is for 'sweep')", list[2].strip());
    }

    @Test
    void aValidationFileServesTheSweepAndTheBestValChoice() throws IOException {
        Path train = csv("train.csv", 400, 1, 0);
        Path test = csv("test.csv", 120, 2, 0);
        Path val = csv("val.csv", 80, 3, 0);
        Path out = tmp.resolve("val-file");
        List<String> args = new ArrayList<>(List.of(sweep(train, test, out)));
        int fraction = args.indexOf("--val-fraction");
        args.set(fraction, "--val-file");
        args.set(fraction + 1, val.toString());
        args.addAll(List.of("--keep", "best-val"));
        succeeds(args.toArray(String[]::new));
        JsonNode sweep = new ObjectMapper().readTree(out.resolve("sweep.json").toFile());
        assertEquals(6, sweep.get("points").size());
        Path ceRun;
        try (var runs = Files.walk(out.resolve("ce"))) {
            ceRun = runs.filter(p -> p.endsWith("results.json")).findFirst().orElseThrow();
        }
        JsonNode results = new ObjectMapper().readTree(ceRun.toFile());
        assertEquals(val.toString(), results.get("config").get("data").get("val-file").asText());
        int trained = 0;
        for (JsonNode count : results.get("train_counts")) {
            trained += count.asInt();
        }
        assertEquals(400, trained, "every training row trains: no validation set is carved");
        assertTrue(results.get("chosen").get("epoch").asInt() >= 1, results.get("chosen").toString());
        assertTrue(results.get("history").get(0).get("val_balanced_acc").isNumber());
    }
}
