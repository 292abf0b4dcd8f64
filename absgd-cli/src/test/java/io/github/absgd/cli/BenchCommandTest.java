package io.github.absgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bench through the command line: the JSON keys the issue names, and the operator profile. */
class BenchCommandTest {

    @Test
    void jsonHasEveryFigureAndTheProfileIsATraceOfOperators(@TempDir Path tmp) throws Exception {
        Path trace = tmp.resolve("trace.json");
        int[] exit = new int[1];
        String[] io = ConformanceCommandTest.run(exit, "bench", "--model", "mlp", "--blocks", "2", "--steps", "2",
                "--warmup", "1", "--threads", "1", "--json", "--profile", trace.toString());
        assertEquals(0, exit[0], io[1]);
        JsonNode result = new ObjectMapper().readTree(io[0]);
        for (String key : new String[] {"images_per_s", "sgd_images_per_s", "absgd_over_sgd", "peak_rss_bytes", "gflops_per_s"}) {
            assertTrue(result.path(key).asDouble() > 0, key + " in " + io[0]);
        }
        assertEquals(2, result.path("blocks").asInt());
        assertEquals(2, result.path("absgd_over_sgd_blocks").size(), "one ratio per block pair");
        JsonNode events = new ObjectMapper().readTree(trace.toFile());
        JsonNode list = events.isArray() ? events : events.path("traceEvents");
        boolean anyOperator = false;
        for (JsonNode event : list) {
            anyOperator |= event.path("name").asText().startsWith("aten::");
        }
        assertTrue(anyOperator, "no aten:: operator in the trace");
    }

    @Test
    void anUnknownModelIsOneLineWithExitTwo() {
        int[] exit = new int[1];
        String[] io = ConformanceCommandTest.run(exit, "bench", "--model", "vgg");
        assertEquals(2, exit[0]);
        assertTrue(io[1].strip().startsWith("absgd: bench supports small-cnn, resnet32 and mlp"), io[1]);
    }
}
