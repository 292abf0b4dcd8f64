package io.github.absgd.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.absgd.cli.Main;
import io.github.absgd.train.CheckpointFile;
import io.github.absgd.train.RunFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sweep} and {@code compare} with {@code --spark local[2]}: the same runs as the local
 * commands, bit for bit; a task failing mid-run (an injected exception) is retried by Spark and ends with the metrics of an
 * uninterrupted run; a finished grid is not trained again.
 */
class SparkGridTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What a run measures of the machine rather than of training. */
    private static final List<String> TIMINGS = List.of("images_per_s", "train_seconds", "eval_seconds");

    @TempDir
    Path tmp;

    @AfterEach
    void clearSettings() {
        System.clearProperty(FaultInjection.SETTING);
        System.clearProperty("spark.extraListeners");
    }

    /** A long-tailed 4-class CSV. */
    private Path csv(String name, int rows, long seed) throws IOException {
        Random random = new Random(seed);
        int[] share = {0, 0, 0, 0, 0, 0, 1, 1, 2, 3};
        List<String> lines = new ArrayList<>(List.of("a,b,label"));
        for (int i = 0; i < rows; i++) {
            int c = share[i % share.length];
            lines.add(String.format(Locale.ROOT, "%.3f,%.3f,%d", c + random.nextGaussian(), (c % 2) * 2 + random.nextGaussian(), c));
        }
        return Files.write(tmp.resolve(name), lines);
    }

    private List<String> training() throws IOException {
        Path train = Files.exists(tmp.resolve("train.csv")) ? tmp.resolve("train.csv") : csv("train.csv", 400, 1);
        Path test = Files.exists(tmp.resolve("test.csv")) ? tmp.resolve("test.csv") : csv("test.csv", 120, 2);
        return List.of("--dataset", "csv", "--train-file", train.toString(), "--test-file", test.toString(), "--model", "mlp",
                "--hidden", "8", "--epochs", "3", "--batch-size", "32", "--warmup-epochs", "0", "--stage2-epoch", "1",
                "--lr-milestones", "2", "--threads", "1");
    }

    private static void succeeds(List<String> args) {
        assertEquals(0, Main.run(args.toArray(String[]::new)), String.join(" ", args));
    }

    private static List<String> args(String... head) {
        return new ArrayList<>(List.of(head));
    }

    @Test
    void aSweepOnSparkWritesTheSamePointsAsTheLocalSweep() throws IOException {
        List<String> sweep = args("sweep", "--methods", "absgd,ce", "--lambda", "0.5,2", "--seeds", "0", "--val-fraction", "0.2");
        sweep.addAll(training());
        List<String> local = new ArrayList<>(sweep);
        local.addAll(List.of("--out", tmp.resolve("local").toString()));
        succeeds(local);
        Path remote = tmp.resolve("remote");
        List<String> spark = new ArrayList<>(sweep);
        spark.addAll(List.of("--out", tmp.resolve("spark").toString(), "--spark", "local[2]", "--spark-runs", remote.toUri().toString()));
        succeeds(spark);

        JsonNode localPoints = JSON.readTree(tmp.resolve("local/sweep.json").toFile()).get("points");
        JsonNode sparkPoints = JSON.readTree(tmp.resolve("spark/sweep.json").toFile()).get("points");
        assertEquals(3, localPoints.size());
        assertEquals(localPoints, sparkPoints);
        List<Path> runs = runDirectories(tmp.resolve("local"));
        assertEquals(3 + 1, runs.size(), "three runs and their shared stage 1");
        for (Path run : runs) {
            Path relative = tmp.resolve("local").relativize(run);
            assertEquals(epochs(run), epochs(tmp.resolve("spark").resolve(relative)), relative.toString());
            assertTrue(Files.exists(remote.resolve(relative).resolve(RunFiles.METRICS)), "the tasks wrote " + remote);
        }
        assertTrue(Files.exists(tmp.resolve("spark/report.html")) && Files.exists(tmp.resolve("spark/sweep.png")));
    }

    @Test
    void aTaskFailingMidRunIsRetriedFromItsCheckpointAndEndsAsIfUninterrupted() throws IOException {
        List<String> compare = args("compare", "--methods", "ce,absgd", "--seeds", "0");
        compare.addAll(training());
        List<String> local = new ArrayList<>(compare);
        local.addAll(List.of("--out", tmp.resolve("local").toString()));
        succeeds(local);

        // 400 training rows in batches of 32: 13 an epoch; the absgd run, forked after epoch 1, dies in
        // epoch 3, after its task copied back epoch 2's checkpoint
        System.setProperty(FaultInjection.SETTING, "absgd/seed0:15");
        System.setProperty("spark.extraListeners", TaskCounter.class.getName());
        TaskCounter.reset();
        List<String> spark = new ArrayList<>(compare);
        spark.addAll(List.of("--out", tmp.resolve("spark").toString(), "--spark", "local[2,2]"));
        String progress = printedBy(() -> succeeds(spark));
        assertEquals(1, TaskCounter.FAILED.get(), "the injected failure happened once and was retried");
        assertEquals(1, progress.split("absgd seed 0: epoch 2,", -1).length - 1,
                "the retry continued from epoch 2's checkpoint, not from the start: " + progress);
        assertEquals(1, progress.split("absgd seed 0: epoch 3,", -1).length - 1, "epoch 3 finished once (by the retry)");
        assertEquals(3 + 1, TaskCounter.STARTED.get(), "stage 1, two forks, one retry");
        for (String run : List.of("ce/seed0", "absgd/seed0")) {
            assertEquals(epochs(tmp.resolve("local").resolve(run)), epochs(tmp.resolve("spark").resolve(run)), run);
        }
        JsonNode before = summary(tmp.resolve("spark/compare.json"));
        assertEquals(summary(tmp.resolve("local/compare.json")), before);

        TaskCounter.reset();
        succeeds(spark);
        assertEquals(0, TaskCounter.STARTED.get(), "a finished grid is not trained again");
        assertEquals(before, summary(tmp.resolve("spark/compare.json")));
    }

    @Test
    void theInjectedFaultIsRealWithoutRetries() throws IOException {
        List<String> compare = args("compare", "--methods", "ce", "--seeds", "0", "--out", tmp.resolve("spark").toString(),
                "--spark", "local[1]");
        compare.addAll(training());
        System.setProperty(FaultInjection.SETTING, "ce/seed0:20"); // 13 batches an epoch: in the second
        assertNotEquals(0, Main.run(compare.toArray(String[]::new)), "local[1] does not retry a failed task");
        assertTrue(Files.exists(tmp.resolve("spark/ce/seed0/" + CheckpointFile.FILE_NAME)), "the first epoch was kept");
        assertTrue(!Files.exists(tmp.resolve("spark/ce/seed0/" + RunFiles.RESULTS)), "the run did not finish");
    }

    @Test
    void aTasksOwnErrorIsTheOneLineTheCommandPrints() throws IOException {
        List<String> compare = args("compare", "--methods", "ce", "--seeds", "0", "--out", tmp.resolve("spark").toString(),
                "--spark", "local[1]");
        compare.addAll(training());
        Path missing = tmp.resolve("missing.csv");
        compare.set(compare.indexOf("--train-file") + 1, missing.toString());
        int[] exit = new int[1];
        String printed = printedBy(() -> exit[0] = Main.run(compare.toArray(String[]::new)));
        assertEquals(2, exit[0], "a data error, as the local command says it");
        String[] lines = printed.strip().split("\n");
        assertEquals("absgd: " + missing + ": no such file", lines[lines.length - 1]);
    }

    /** What {@code action} printed on standard error (also printed). */
    private static String printedBy(Runnable action) {
        PrintStream err = System.err;
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new TeeOutputStream(err, copy), true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(err);
        }
        return copy.toString(StandardCharsets.UTF_8);
    }

    /** Writes to two streams. */
    private static final class TeeOutputStream extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        TeeOutputStream(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
            first.write(bytes, offset, length);
            second.write(bytes, offset, length);
        }
    }

    /** The run's epochs as metrics.jsonl records them, without the timings. */
    private static List<JsonNode> epochs(Path run) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve(RunFiles.METRICS))) {
            ObjectNode record = (ObjectNode) JSON.readTree(line);
            record.remove(TIMINGS);
            records.add(record);
        }
        return records;
    }

    /** compare.json without the images/s columns. */
    private static JsonNode summary(Path file) throws IOException {
        JsonNode summary = JSON.readTree(file.toFile());
        for (JsonNode method : summary.get("methods")) {
            List<String> speeds = new ArrayList<>();
            method.fieldNames().forEachRemaining(name -> {
                if (name.startsWith("images_per_s")) {
                    speeds.add(name);
                }
            });
            ((ObjectNode) method).remove(speeds);
        }
        return summary;
    }

    private static List<Path> runDirectories(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.getFileName().toString().equals(RunFiles.METRICS)).map(Path::getParent).sorted().toList();
        }
    }
}
