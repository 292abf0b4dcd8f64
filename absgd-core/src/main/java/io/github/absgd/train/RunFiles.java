package io.github.absgd.train;

import io.github.absgd.util.Problems;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.absgd.util.AbsgdException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The files of a run's output directory: {@code checkpoint.bin}, {@code metrics.jsonl} (one
 * {@link EpochRecord} per line) and {@code results.json}. Every write replaces its file atomically.
 * While a run writes there it holds an exclusive lock on {@code .lock} (the operating system's file
 * lock, released when the process ends however it ends, so a lock left by a killed process is free
 * again); the file says which process holds it.
 */
public final class RunFiles implements AutoCloseable {

    /** The lock file's name in a run directory. */
    public static final String LOCK = ".lock";

    public static final String METRICS = "metrics.jsonl";
    public static final String RESULTS = "results.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static final Set<Path> LOCKED_HERE = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final List<EpochRecord> records = new ArrayList<>();

    private RunFiles(Path dir, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Creates the directory if needed, checks it is writable (naming it otherwise) and takes its
     * lock; a directory another run holds is a {@link RunLockedException} naming that process.
     */
    public static RunFiles prepare(Path dir) {
        // The JVM holds file locks for the whole process, and closing any channel on the file may
        // drop them: a second run in this process is turned away before it opens the file at all.
        Path key = dir.toAbsolutePath().normalize();
        if (!LOCKED_HERE.add(key)) {
            throw new RunLockedException(dir, "another run in this process, pid " + ProcessHandle.current().pid());
        }
        try {
            return lock(dir);
        } catch (RuntimeException e) {
            LOCKED_HERE.remove(key);
            throw e;
        }
    }

    private static RunFiles lock(Path dir) {
        FileChannel channel;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new AbsgdException(dir + ": output directory is not writable (" + Problems.describe(e) + ")", e);
        }
        try {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String holder = Files.readString(dir.resolve(LOCK), StandardCharsets.UTF_8).strip();
                channel.close();
                throw new RunLockedException(dir, holder.isEmpty() ? "another process" : holder);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + " since " + Instant.now() + "\n")
                    .getBytes(StandardCharsets.UTF_8)), 0);
            return new RunFiles(dir, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new AbsgdException(dir.resolve(LOCK) + ": cannot lock the run directory (" + Problems.describe(e) + ")", e);
        }
    }

    /** The lock, or null when another process (or another run in this one) holds it. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldHere) {
            return null;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing after a failure: the failure is what the caller reports
        }
    }

    /** Releases the directory's lock (the lock file stays, free, for the next run). */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // released when the channel closes anyway
        }
        closeQuietly(lockChannel);
        LOCKED_HERE.remove(dir.toAbsolutePath().normalize());
    }

    public Path dir() {
        return dir;
    }

    public Path checkpoint() {
        return dir.resolve(CheckpointFile.FILE_NAME);
    }

    /** The best validation epoch's checkpoint ({@code --keep best-val}). */
    public Path bestCheckpoint() {
        return dir.resolve(CheckpointFile.BEST_FILE_NAME);
    }

    public Path results() {
        return dir.resolve(RESULTS);
    }

    public Path metrics() {
        return dir.resolve(METRICS);
    }

    /** Keeps the records of the first {@code epochs} epochs (those the checkpoint covers). */
    void truncateMetrics(int epochs) {
        replaceMetrics(epochs > 0 ? readMetrics(metrics()) : List.of(), epochs);
    }

    /** Makes {@code metrics.jsonl} the records of {@code from} up to epoch {@code epochs}. */
    void replaceMetrics(List<EpochRecord> from, int epochs) {
        records.clear();
        for (EpochRecord record : from) {
            if (record.epoch() <= epochs) {
                records.add(record);
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
