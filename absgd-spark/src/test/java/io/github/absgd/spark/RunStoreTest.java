package io.github.absgd.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.absgd.train.CheckpointFile;
import io.github.absgd.train.RunFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run store: copies both ways, what a copy cut short leaves, and one directory however it is spelled. */
class RunStoreTest {

    @TempDir
    Path tmp;

    private RunStore store(String root) {
        return new RunStore(root, new Configuration(false));
    }

    @Test
    void aRunCopiedThereComesBackWholeAndFinishedOnlyWithItsResults() throws IOException {
        Path local = Files.createDirectories(tmp.resolve("scratch"));
        Files.write(local.resolve(CheckpointFile.FILE_NAME), new byte[] {1, 2, 3});
        Files.writeString(local.resolve(RunFiles.METRICS), "{}\n");
        Files.writeString(local.resolve(RunFiles.LOCK), "pid 1");
        RunStore store = store(tmp.resolve("store with space").toUri().toString());
        store.push(local, "m/seed0", new HashMap<>());
        assertTrue(store.started("m/seed0"));
        assertFalse(store.finished("m/seed0"));
        Path back = tmp.resolve("back");
        store.pull("m/seed0", back);
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(back.resolve(CheckpointFile.FILE_NAME)));
        assertEquals(List.of(CheckpointFile.FILE_NAME, RunFiles.METRICS), names(back), "no lock, no copies in flight");
        Files.writeString(local.resolve(RunFiles.RESULTS), "{}");
        store.push(local, "m/seed0", new HashMap<>());
        assertTrue(store.finished("m/seed0"));
    }

    @Test
    void aCompleteCopyStandsInForItsFileAndAPartialOneNever() throws IOException {
        Path run = Files.createDirectories(tmp.resolve("store/m/seed0"));
        Files.write(run.resolve(CheckpointFile.FILE_NAME + ".absgd-tmp"), new byte[] {7}); // died between delete and rename
        Files.write(run.resolve(RunFiles.METRICS + ".absgd-part"), new byte[] {9}); // died while copying
        Files.writeString(run.resolve(RunFiles.METRICS), "old");
        store(tmp.resolve("store").toString()).pull("m/seed0", tmp.resolve("back"));
        assertArrayEquals(new byte[] {7}, Files.readAllBytes(tmp.resolve("back").resolve(CheckpointFile.FILE_NAME)));
        assertEquals("old", Files.readString(tmp.resolve("back").resolve(RunFiles.METRICS)));
        assertEquals(List.of(CheckpointFile.FILE_NAME, RunFiles.METRICS), names(tmp.resolve("back")));
    }

    @Test
    void theOutputDirectoryIsRecognisedHoweverItIsSpelled() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("out"));
        assertTrue(store(out.toString()).isLocalDirectory(out));
        assertTrue(store("file:" + out).isLocalDirectory(out));
        assertTrue(store(out.toUri().toString()).isLocalDirectory(out));
        assertTrue(store(out + "/").isLocalDirectory(tmp.resolve("x/../out")));
        assertFalse(store(tmp.resolve("elsewhere").toString()).isLocalDirectory(out));
        assertEquals(out.resolve("stage1/s").toString(), store("file:" + out).name("stage1/s"), "named as the local command names it");
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
