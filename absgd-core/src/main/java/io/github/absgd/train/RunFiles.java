package io.github.absgd.train;

import io.github.absgd.util.Problems;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.absgd.util.AbsgdException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of a run's output directory: {@code checkpoint.bin}, {@code metrics.jsonl} (one
 * {@link EpochRecord} per line) and {@code results.json}. Every write replaces its file atomically.
 */
public final class RunFiles {

    public static final String METRICS = "metrics.jsonl";
    public static final String RESULTS = "results.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;
    private final List<EpochRecord> records = new ArrayList<>();

    private RunFiles(Path dir) {
        this.dir = dir;
    }

    /** Creates the directory if needed and checks it is writable, naming it otherwise. */
    public static RunFiles prepare(Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-test", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new AbsgdException(dir + ": output directory is not writable (" + Problems.describe(e) + ")", e);
        }
        return new RunFiles(dir);
    }

    public Path dir() {
        return dir;
    }

    public Path checkpoint() {
        return dir.resolve(CheckpointFile.FILE_NAME);
    }

    public Path results() {
        return dir.resolve(RESULTS);
    }

    public Path metrics() {
        return dir.resolve(METRICS);
    }

    /** Keeps the records of the first {@code epochs} epochs (those the checkpoint covers). */
    void truncateMetrics(int epochs) {
        records.clear();
        if (epochs > 0) {
            for (EpochRecord record : readMetrics(metrics())) {
                if (record.epoch() <= epochs) {
                    records.add(record);
                }
            }
        }
        rewriteMetrics();
    }

    void appendMetrics(EpochRecord record) {
        records.add(record);
        rewriteMetrics();
    }

    List<EpochRecord> readMetrics() {
        return List.copyOf(records);
    }

    /** Reads a metrics.jsonl file; a missing file is empty. */
    public static List<EpochRecord> readMetrics(Path file) {
        List<EpochRecord> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        try {
            int lineNumber = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                lineNumber++;
                if (!line.isBlank()) {
                    try {
                        out.add(JSON.readValue(line, EpochRecord.class));
                    } catch (IOException e) {
                        throw new AbsgdException(file + ":" + lineNumber + ": " + Problems.describe(e), e);
                    }
                }
            }
        } catch (IOException e) {
            throw new AbsgdException(file + ": " + Problems.describe(e), e);
        }
        return out;
    }

    private void rewriteMetrics() {
        StringBuilder text = new StringBuilder();
        try {
            for (EpochRecord record : records) {
                text.append(JSON.writeValueAsString(record)).append('\n');
            }
            io.github.absgd.util.AtomicFiles.write(metrics(), text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AbsgdException(metrics() + ": cannot write: " + Problems.describe(e), e);
        }
    }

    void writeResults(RunResults results) {
        try {
            io.github.absgd.util.AtomicFiles.write(results(), PRETTY.writeValueAsBytes(results));
        } catch (IOException e) {
            throw new AbsgdException(results() + ": cannot write: " + Problems.describe(e), e);
        }
    }
}
