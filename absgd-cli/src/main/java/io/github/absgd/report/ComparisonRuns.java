package io.github.absgd.report;

import io.github.absgd.util.Names;
import io.github.absgd.util.AbsgdException;
import io.github.absgd.util.Problems;
import io.github.absgd.train.Method;
import io.github.absgd.train.RunResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The runs of a comparison directory, laid out as {@code DIR/<method>/seed<k>/}: where each run
 * goes, and the finished ones (those with a {@code results.json}) gathered by method.
 *
 * @param results finished runs by method, each method's in seed order
 * @param seeds the seed of each run in {@code results}, pairwise
 */
public record ComparisonRuns(Map<String, List<RunResults>> results, Map<String, List<Long>> seeds) {

    private static final String RESULTS = "results.json";

    /** The directory of one run of a comparison. */
    public static Path runDirectory(Path comparison, String method, long seed) {
        return comparison.resolve(method).resolve("seed" + seed);
    }

    /**
     * The finished runs in {@code comparison}: of {@code methods} in that order, or when null of
     * every method directory found (known methods in their usual order, then others by name); of
     * {@code seeds}, or when null of every seed found.
     */
    public static ComparisonRuns finished(Path comparison, List<String> methods, List<Long> seeds) {
        Map<String, List<RunResults>> results = new LinkedHashMap<>();
        Map<String, List<Long>> seedsFound = new LinkedHashMap<>();
        for (String method : methods != null ? methods : methodDirectories(comparison)) {
            for (long seed : seeds != null ? seeds : seedDirectories(comparison.resolve(method))) {
                Path file = runDirectory(comparison, method, seed).resolve(RESULTS);
                if (Files.isRegularFile(file)) {
                    results.computeIfAbsent(method, k -> new ArrayList<>()).add(RunResults.read(file));
                    seedsFound.computeIfAbsent(method, k -> new ArrayList<>()).add(seed);
                }
            }
        }
        return new ComparisonRuns(results, seedsFound);
    }

    public boolean isEmpty() {
        return results.isEmpty();
    }

    private static List<String> methodDirectories(Path comparison) {
        Comparator<String> usualOrder = Comparator.comparingInt(ComparisonRuns::methodIndex);
        return list(comparison).filter(Files::isDirectory).map(p -> p.getFileName().toString())
                .sorted(usualOrder.thenComparing(Comparator.naturalOrder())).toList();
    }

    private static int methodIndex(String name) {
        return Names.find(Method.class, name).map(Enum::ordinal).orElse(Integer.MAX_VALUE);
    }

    private static List<Long> seedDirectories(Path method) {
        return list(method).map(p -> p.getFileName().toString())
                .filter(name -> name.matches("seed\\d{1,18}"))
                .map(name -> Long.parseLong(name.substring(4))).sorted().toList();
    }

    private static Stream<Path> list(Path directory) {
        if (!Files.isDirectory(directory)) {
            return Stream.empty();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.toList().stream();
        } catch (IOException e) {
            throw new AbsgdException(directory + ": cannot list: " + Problems.describe(e), e);
        }
    }
}
