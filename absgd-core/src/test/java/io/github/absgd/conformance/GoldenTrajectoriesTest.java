package io.github.absgd.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.absgd.util.AbsgdException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Replays every golden trajectory bundled with the library and checks every number. */
class GoldenTrajectoriesTest {

    /** The bundled golden directory, as the build laid it out on the test class path. */
    static Path goldenDir() {
        try {
            return Path.of(GoldenCase.class.getResource(GoldenCase.BUNDLED).toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    static Path golden(String name) {
        return goldenDir().resolve(name);
    }

    @Test
    void theIndexNamesEveryBundledTrajectory() throws IOException {
        try (Stream<Path> files = Files.list(goldenDir())) {
            List<String> onDisk = files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".json") && !name.equals("long_tail_counts.json"))
                    .map(name -> name.replaceFirst("\\.json$", ""))
                    .sorted()
                    .collect(Collectors.toList());
            List<String> bundled = GoldenCase.bundled().stream().map(GoldenCase::name).sorted().collect(Collectors.toList());
            assertEquals(7, onDisk.size(), "the seven golden trajectories are bundled: " + onDisk);
            assertEquals(onDisk, bundled);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyGoldenTrajectoryPasses() {
        return GoldenCase.bundled().stream().map(golden -> DynamicTest.dynamicTest(golden.name(), () -> {
            ConformanceResult result = ConformanceRunner.run(golden);
            assertTrue(result.passed(), result.summaryLine());
            assertEquals(golden.steps().size(), result.steps());
            assertTrue(result.maxDeviation() <= golden.tolerance());
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyGoldenTrajectoryPassesWithEveryBatchSplitIntoShards() {
        return Stream.of(2, 3).flatMap(splits -> GoldenCase.bundled().stream().map(golden -> DynamicTest.dynamicTest(
                golden.name() + " in " + splits + " shards", () -> {
                    ConformanceResult result = ConformanceRunner.run(golden, splits);
                    assertTrue(result.passed(), result.summaryLine());
                    assertEquals(golden.steps().size(), result.steps());
                })));
    }

    @Test
    void shardsAreUnequalAndCoverTheBatch() {
        assertArrayEquals(new int[] {0, 2, 8}, ConformanceRunner.shardBounds(8, 2));
        assertArrayEquals(new int[] {0, 1, 4, 8}, ConformanceRunner.shardBounds(8, 3));
        assertArrayEquals(new int[] {0, 1, 2}, ConformanceRunner.shardBounds(2, 3), "never an empty shard");
    }

    @Test
    void overflowCaseNeedsLogSpace() throws IOException {
        GoldenCase golden = GoldenCase.read(golden("absgd_overflow_small_lambda.json"));
        double maxExponent = golden.steps().stream()
                .filter(s -> s.lambda() != null)
                .flatMapToDouble(s -> java.util.Arrays.stream(s.expected().losses()).map(l -> l / s.lambda()))
                .max().orElseThrow();
        assertTrue(maxExponent > 709, "the case must exceed float64's exp range, max l/lambda = " + maxExponent);
        assertTrue(ConformanceRunner.run(golden).passed());
    }

    @Test
    void aPerturbedExpectationFailsNamingStepAndQuantity(@TempDir Path tmp) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = (ObjectNode) mapper.readTree(golden("absgd_ce.json").toFile());
        ArrayNode weights = (ArrayNode) root.get("steps").get(6).get("expected").get("weights");
        weights.set(2, weights.get(2).asDouble() + 0.01);
        Path file = tmp.resolve("perturbed.json");
        mapper.writeValue(file.toFile(), root);

        ConformanceResult result = ConformanceRunner.run(GoldenCase.read(file));
        assertFalse(result.passed());
        assertTrue(result.summaryLine().contains("FAIL step 7 weights[2]"), result.summaryLine());
    }

    @Test
    void aFileOfAnotherSchemaIsRejectedWithItsName(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("other.json");
        Files.writeString(file, "{\"schema\": \"something-else/2\"}");
        AbsgdException error = assertThrows(AbsgdException.class, () -> GoldenCase.read(file));
        assertTrue(error.getMessage().startsWith(file.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("something-else/2"), error.getMessage());

        Path missingKey = tmp.resolve("missing.json");
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(golden("absgd_ce.json").toFile());
        ((ObjectNode) root.get("steps").get(3)).remove("lr");
        new ObjectMapper().writeValue(missingKey.toFile(), root);
        AbsgdException missing = assertThrows(AbsgdException.class, () -> GoldenCase.read(missingKey));
        assertTrue(missing.getMessage().contains("steps[3]") && missing.getMessage().contains("\"lr\""), missing.getMessage());
    }
}
