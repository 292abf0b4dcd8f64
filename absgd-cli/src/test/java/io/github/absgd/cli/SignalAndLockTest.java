package io.github.absgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.absgd.train.CheckpointFile;
import io.github.absgd.train.CheckpointState;
import io.github.absgd.train.RunFiles;
import io.github.absgd.train.RunLockedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code bin/absgd train} process stopped by SIGTERM in its first epoch: it finishes the
 * step, writes a checkpoint, says so and exits 143, and {@code --resume} ends exactly where an
 * uninterrupted run ends. While it runs, its directory is locked against a second run.
 */
class SignalAndLockTest {

    @TempDir
    Path tmp;

    private String[] args(Path csv, Path out, String... more) {
        List<String> all = new ArrayList<>(List.of("train", "--dataset", "csv", "--train-file", csv.toString(), "--model", "mlp",
                "--hidden", "8", "--method", "absgd-drw", "--epochs", "2", "--batch-size", "2", "--warmup-epochs", "0",
                "--stage2-epoch", "1", "--lr-milestones", "1", "--lambda", "1", "--threads", "1", "--out", out.toString()));
        all.addAll(List.of(more));
        return all.toArray(new String[0]);
    }

    private Path csv() throws IOException {
        Random random = new Random(9);
        List<String> lines = new ArrayList<>(List.of("a,b,label"));
        for (int i = 0; i < 8_000; i++) { // 3,200 steps an epoch at batch 2: seconds, not milliseconds
            int label = i % 10 == 0 ? 1 : 0;
            lines.add(String.format(Locale.ROOT, "%.4f,%.4f,%d", random.nextGaussian() + 2 * label, random.nextGaussian(), label));
        }
        return Files.write(tmp.resolve("data.csv"), lines);
    }

    /** A child JVM running the command line; its stderr goes to {@code err} (a file: nothing blocks on a full pipe). */
    private static Process start(Path err, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
    }

    @Test
    void sigtermInTheFirstEpochCheckpointsExits143AndResumesExactly() throws Exception {
        Path csv = csv();
        Path stopped = tmp.resolve("stopped");
        Path childErr = tmp.resolve("child-stderr.txt");
        Process child = start(childErr, args(csv, stopped));
        Path lock = stopped.resolve(RunFiles.LOCK);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(Files.exists(lock) && Files.size(lock) > 0) && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(child.isAlive(), () -> "the child runs: " + text(childErr));

        RunLockedException locked = assertThrows(RunLockedException.class, () -> RunFiles.prepare(stopped).close(),
                () -> "the child holds the lock: " + text(childErr));
        assertTrue(locked.holder().startsWith("pid " + child.pid() + " since "), "the holder is named: " + locked.holder());

        child.destroy(); // SIGTERM
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child stops");
        String err = text(childErr);
        assertEquals(143, child.exitValue(), err);
        CheckpointState state = CheckpointFile.readState(stopped.resolve(CheckpointFile.FILE_NAME));
        assertEquals(0, state.epochsCompleted(), "stopped in epoch 0: " + err);
        assertTrue(state.stepInEpoch() > 0 && !state.finished(), "steps done: " + state.stepInEpoch());
        String last = err.strip().lines().reduce((a, b) -> b).orElse("");
        assertEquals("absgd: stopped by SIGTERM at epoch 0, step " + state.stepInEpoch() + "; the checkpoint in " + stopped
                + " holds it; continue with the same command plus --resume", last);

        String[] resumed = CommandLineRun.run(args(csv, stopped, "--resume"));
        assertEquals("0", resumed[0], resumed[2]);
        Path straight = tmp.resolve("straight");
        String[] uninterrupted = CommandLineRun.run(args(csv, straight));
        assertEquals("0", uninterrupted[0], uninterrupted[2]);
        assertEquals(withoutTimings(straight), withoutTimings(stopped), "the resumed run ends as the uninterrupted one");
    }

    @Test
    void aSecondRunIntoALockedDirectoryIsOneLineNamingTheHolder() throws Exception {
        Path csv = csv();
        Path out = tmp.resolve("held");
        try (RunFiles held = RunFiles.prepare(out)) {
            String[] second = CommandLineRun.run(args(csv, out));
            assertEquals("2", second[0], second[2]);
            assertEquals("absgd: " + out + " is in use by another run (another run in this process, pid " + ProcessHandle.current().pid()
                    + "); wait for it to end, or choose another directory", second[2].strip());
        }
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static List<JsonNode> withoutTimings(Path run) throws IOException {
        List<JsonNode> epochs = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve(RunFiles.METRICS))) {
            com.fasterxml.jackson.databind.node.ObjectNode epoch = (com.fasterxml.jackson.databind.node.ObjectNode)
                    new ObjectMapper().readTree(line);
            epoch.remove(List.of("images_per_s", "train_seconds", "eval_seconds"));
            epochs.add(epoch);
        }
        JsonNode results = new ObjectMapper().readTree(run.resolve(RunFiles.RESULTS).toFile());
        epochs.add(results.get("per_class"));
        epochs.add(results.get("log_u"));
        return epochs;
    }
}
