package io.github.absgd.spark;

import io.github.absgd.train.CheckpointFile;
import io.github.absgd.train.RunFiles;
import io.github.absgd.util.AbsgdException;
import io.github.absgd.util.Problems;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;

/**
 * Where a grid's run directories live while Spark trains them: any Hadoop file system path (a
 * local directory, HDFS, an object store). A task trains in a local copy of its run directory
 * ({@link #pull}) and copies it back after every epoch's checkpoint ({@link #push}), so a task
 * that dies leaves the last checkpoint for its retry. A file is replaced in four steps, because
 * HDFS's rename does not replace and an object store's copy can be cut short: copy to
 * {@code X.absgd-part}, rename that to {@code X.absgd-tmp} (a complete copy), delete {@code X},
 * rename the copy to {@code X}. {@link #pull} ignores partial copies and takes the complete one
 * where {@code X} is missing, which is what a death between delete and rename leaves. The
 * checkpoints go after the other files and {@code results.json}, which marks a run finished, last.
 *
 * <p>The driver's Hadoop settings travel with every task (credentials included, as Spark's own
 * Hadoop jobs carry them).
 */
final class RunStore implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String COMPLETE_COPY = ".absgd-tmp";
    private static final String PARTIAL_COPY = ".absgd-part";
    /** Pushed whenever they exist, whatever their stamp: what a resume and a finished grid read. */
    private static final List<String> ALWAYS_SENT = List.of(CheckpointFile.FILE_NAME, CheckpointFile.BEST_FILE_NAME, RunFiles.RESULTS);

    private final String root;
    /** The driver's Hadoop settings (file system implementations, credentials), for the executors. */
    private final Map<String, String> hadoopSettings;
    private transient FileSystem fileSystem;

    RunStore(String root, Configuration hadoop) {
        this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
        this.hadoopSettings = new HashMap<>();
        hadoop.forEach(entry -> hadoopSettings.put(entry.getKey(), entry.getValue()));
    }

    /** The store's path of the run directory {@code relative} (a path under the grid's output). */
    String uri(String relative) {
        return root + "/" + relative;
    }

    /** Whether the run in {@code relative} finished (its results are written when it does). */
    boolean finished(String relative) {
        return exists(relative + "/" + RunFiles.RESULTS);
    }

    /** Whether the run in {@code relative} has a checkpoint (it started, or was forked from its stage 1). */
    boolean started(String relative) {
        return exists(relative + "/" + CheckpointFile.FILE_NAME);
    }

    private boolean exists(String relative) {
        try {
            return fileSystem().exists(path(relative));
        } catch (IOException e) {
            throw failure("cannot read", uri(relative), e);
        }
    }

    /** Copies the files of run directory {@code relative} (if it exists) into {@code local}. */
    void pull(String relative, Path local) {
        try {
            Files.createDirectories(local);
            org.apache.hadoop.fs.Path dir = path(relative);
            if (!fileSystem().exists(dir)) {
                return;
            }
            List<String> names = new ArrayList<>();
            for (FileStatus status : fileSystem().listStatus(dir)) {
                if (status.isFile()) {
                    names.add(status.getPath().getName());
                }
            }
            for (String name : names) {
                boolean complete = name.endsWith(COMPLETE_COPY);
                String target = complete ? name.substring(0, name.length() - COMPLETE_COPY.length()) : name;
                if (target.equals(RunFiles.LOCK) || name.endsWith(PARTIAL_COPY) || complete && names.contains(target)) {
                    continue; // a complete copy counts only where its file is missing; a partial one never
                }
                fileSystem().copyToLocalFile(false, new org.apache.hadoop.fs.Path(dir, name),
                        new org.apache.hadoop.fs.Path(local.resolve(target).toUri()), true);
            }
        } catch (IOException e) {
            throw failure("cannot copy", uri(relative) + " to " + local, e);
        }
    }

    /**
     * Copies the files of {@code local} that changed since {@code sent} says into run directory
     * {@code relative}, the checkpoints last; {@code sent} then records them.
     */
    void push(Path local, String relative, Map<String, String> sent) {
        try (Stream<Path> files = Files.list(local)) {
            List<Path> changed = files.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().equals(RunFiles.LOCK))
                    .filter(file -> ALWAYS_SENT.contains(file.getFileName().toString())
                            || !stamp(file).equals(sent.get(file.getFileName().toString())))
                    .sorted(Comparator.comparingInt(RunStore::sendOrder).thenComparing(Path::toString))
                    .toList();
            org.apache.hadoop.fs.Path dir = path(relative);
            fileSystem().mkdirs(dir);
            for (Path file : changed) {
                String name = file.getFileName().toString();
                org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(dir, name);
                org.apache.hadoop.fs.Path partial = new org.apache.hadoop.fs.Path(dir, name + PARTIAL_COPY);
                org.apache.hadoop.fs.Path complete = new org.apache.hadoop.fs.Path(dir, name + COMPLETE_COPY);
                fileSystem().copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(file.toUri()), partial);
                fileSystem().delete(complete, false);
                rename(partial, complete);
                fileSystem().delete(target, false);
                rename(complete, target);
                sent.put(name, stamp(file));
            }
        } catch (IOException e) {
            throw failure("cannot copy", local + " to " + uri(relative), e);
        }
    }

    private void rename(org.apache.hadoop.fs.Path from, org.apache.hadoop.fs.Path to) throws IOException {
        if (!fileSystem().rename(from, to)) {
            throw new IOException("rename of " + from + " to " + to + " refused");
        }
    }

    /** The checkpoints after the other files, the one a resume reads after the best one, and results.json (finished) last. */
    private static int sendOrder(Path file) {
        String name = file.getFileName().toString();
        return name.equals(RunFiles.RESULTS) ? 3 : name.equals(CheckpointFile.FILE_NAME) ? 2
                : name.equals(CheckpointFile.BEST_FILE_NAME) ? 1 : 0;
    }

    /** Whether this store's root is the local directory {@code dir} (however either is spelled). */
    boolean isLocalDirectory(Path dir) {
        try {
            org.apache.hadoop.fs.Path local = new org.apache.hadoop.fs.Path(dir.toAbsolutePath().normalize().toString());
            return fileSystem().getUri().getScheme().equals("file")
                    && fileSystem().makeQualified(new org.apache.hadoop.fs.Path(root)).equals(fileSystem().makeQualified(local));
        } catch (IOException e) {
            throw failure("cannot read", root, e);
        }
    }

    /** How a run in this store is named in results: its local path on a local file system, else its URI. */
    String name(String relative) {
        org.apache.hadoop.fs.Path path = path(relative);
        return "file".equals(path.toUri().getScheme()) || path.toUri().getScheme() == null ? path.toUri().getPath() : uri(relative);
    }

    /** A file's size and modification time: a file whose stamp is unchanged was sent already. */
    private static String stamp(Path file) {
        try {
            return Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            throw new AbsgdException(file + ": cannot read (" + Problems.describe(e) + ")", e);
        }
    }

    private org.apache.hadoop.fs.Path path(String relative) {
        return new org.apache.hadoop.fs.Path(uri(relative));
    }

    private FileSystem fileSystem() throws IOException {
        if (fileSystem == null) {
            Configuration hadoop = new Configuration();
            hadoopSettings.forEach(hadoop::set);
            FileSystem fs = new org.apache.hadoop.fs.Path(root).getFileSystem(hadoop);
            // the local file system without its checksum files (.crc) beside every run file
            fileSystem = fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
        }
        return fileSystem;
    }

    private static AbsgdException failure(String what, String where, IOException e) {
        return new AbsgdException(what + " " + where + " (" + Problems.describe(e) + ")", e);
    }
}
