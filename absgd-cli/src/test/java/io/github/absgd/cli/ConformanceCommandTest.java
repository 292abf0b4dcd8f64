package io.github.absgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.absgd.conformance.GoldenCase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConformanceCommandTest {

    /** Runs the CLI, capturing stdout and stderr; the exit code goes to exit[0]. */
    static String[] run(int[] exit, String... args) {
        String[] result = io.github.absgd.cli.CommandLineRun.run(args);
        exit[0] = Integer.parseInt(result[0]);
        return new String[] {result[1], result[2]};
    }

    /** The golden trajectories bundled with the library, as files. */
    static Path goldenDir() throws Exception {
        return Path.of(GoldenCase.class.getResource(GoldenCase.BUNDLED).toURI());
    }

    @Test
    void withoutFilesTheBundledSetIsReplayed() {
        int[] exit = new int[1];
        String[] out = run(exit, "conformance");
        assertEquals(0, exit[0], out[1]);
        String[] lines = out[0].strip().split("\n");
        assertEquals(7, lines.length, out[0]);
        for (String line : lines) {
            assertTrue(line.matches("[a-z_]+ steps=\\d+ max_dev=\\S+ PASS"), line);
        }
        assertTrue(out[0].contains("absgd_overflow_small_lambda steps=16"), out[0]);
    }

    @Test
    void everyBundledTrajectoryPassesInTwoAndThreeShards() {
        for (String splits : new String[] {"2", "3"}) {
            int[] exit = new int[1];
            String[] out = run(exit, "conformance", "--splits", splits);
            assertEquals(0, exit[0], out[1]);
            assertEquals(7, out[0].strip().lines().filter(line -> line.endsWith(" PASS")).count(), out[0]);
        }
        int[] exit = new int[1];
        String[] bad = run(exit, "conformance", "--splits", "0");
        assertEquals(2, exit[0]);
        assertEquals("absgd: --splits must be at least 1, got 0", bad[1].strip());
    }

    @Test
    void passingFilesPrintOneLineEachAndExitZero() throws Exception {
        Path golden = goldenDir();
        int[] exit = new int[1];
        String[] out = run(exit, "conformance", golden.resolve("absgd_ce.json").toString(),
                golden.resolve("abadam_ce.json").toString());
        assertEquals(0, exit[0], out[1]);
        String[] lines = out[0].strip().split("\n");
        assertEquals(2, lines.length, out[0]);
        assertTrue(lines[0].matches("absgd_ce steps=16 max_dev=\\S+ PASS"), lines[0]);
        assertTrue(lines[1].matches("abadam_ce steps=16 max_dev=\\S+ PASS"), lines[1]);
    }

    @Test
    void unreadableFileExitsTwoWithOneLineAndNoStackTrace(@TempDir Path tmp) throws Exception {
        Path broken = tmp.resolve("broken.json");
        Files.writeString(broken, "{ not json");
        int[] exit = new int[1];
        String[] out = run(exit, "conformance", broken.toString());
        assertEquals(2, exit[0]);
        assertEquals(1, out[1].strip().split("\n").length, out[1]);
        assertTrue(out[1].contains(broken.toString()), out[1]);
        assertFalse(out[1].contains("\tat "), out[1]);

        String[] missing = run(exit, "conformance", tmp.resolve("nope.json").toString());
        assertEquals(2, exit[0]);
        assertTrue(missing[1].contains("nope.json"), missing[1]);
    }

    @Test
    void helpAndVersionWork() {
        int[] exit = new int[1];
        String[] help = run(exit, "--help");
        assertEquals(0, exit[0]);
        for (String command : new String[] {"train", "eval", "compare", "data", "bench", "bench-data", "conformance"}) {
            assertTrue(help[0].lines().anyMatch(line -> line.strip().startsWith(command + " ")), command + " listed in\n" + help[0]);
        }
        String[] version = run(exit, "--version");
        assertEquals(0, exit[0]);
        assertTrue(version[0].contains("DJL 0.36.0"), version[0]);
    }

    @Test
    void aFailingTrajectoryExitsOne(@TempDir Path tmp) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode)
                mapper.readTree(goldenDir().resolve("absgd_focal.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("steps").get(9).get("expected")).put("log_u", 42.0);
        Path file = tmp.resolve("absgd_focal.json");
        mapper.writeValue(file.toFile(), root);
        int[] exit = new int[1];
        String[] out = run(exit, "conformance", file.toString());
        assertEquals(1, exit[0], out[1]);
        assertTrue(out[0].contains("FAIL step 10 log_u"), out[0]);
    }
}
