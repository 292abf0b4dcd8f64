package io.github.absgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.absgd.data.TestFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bench-data through the command line: every figure on a streamed image folder, and a bad value as one line. */
class BenchDataCommandTest {

    @Test
    void jsonHasEveryFigureOfAStreamedFolder(@TempDir Path tmp) throws Exception {
        Path tree = TestFiles.imageFolder(tmp.resolve("tree"), new int[] {12, 6}, 1, 8, 1);
        int[] exit = new int[1];
        String[] io = ConformanceCommandTest.run(exit, "bench-data", "--dataset", "imagefolder", "--data-dir", tree.toString(),
                "--image-size", "8", "--stream", "on", "--model", "small-cnn", "--batch-size", "4", "--blocks", "2",
                "--steps", "2", "--warmup", "1", "--threads", "1", "--json");
        assertEquals(0, exit[0], io[1]);
        JsonNode result = new ObjectMapper().readTree(io[0]);
        for (String key : new String[] {"loader_images_per_s", "train_images_per_s", "ready_images_per_s", "load_seconds",
            "data_peak_rss_bytes", "peak_rss_bytes"}) {
            assertTrue(result.path(key).asDouble() > 0, key + " in " + io[0]);
        }
        assertTrue(result.path("streamed").asBoolean(), io[0]);
        assertEquals(18, result.path("train_images").asInt());
    }

    @Test
    void streamingDataHeldInMemoryIsOneLineWithExitTwo() {
        int[] exit = new int[1];
        String[] io = ConformanceCommandTest.run(exit, "bench-data", "--dataset", "csv", "--stream", "on");
        assertEquals(2, exit[0]);
        assertTrue(io[1].strip().startsWith("absgd: --stream on is for imagelist and imagefolder data"), io[1]);
    }
}
