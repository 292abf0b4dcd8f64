package io.github.absgd.train;

import io.github.absgd.util.Problems;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.absgd.util.AbsgdException;
import io.github.absgd.eval.ClassificationMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code results.json}: the final test metrics (flattened: {@code balanced_acc}, {@code acc},
 * {@code tail3}, many/medium/few, {@code macro_f1}, {@code per_class}, {@code confusion}), the
 * training throughput over the whole run, the epoch history, the {@link RunSpec} that produced them
 * ({@code config}, in {@link RunSpec#toJson()}'s form) and their {@link Provenance}, so every result
 * carries its recipe and origin.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RunResults(
        @JsonProperty("config") JsonNode config,
        @JsonProperty("provenance") Provenance provenance,
        @JsonProperty("train_counts") long[] trainCounts,
        @JsonProperty("class_names") List<String> classNames,
        @JsonUnwrapped ClassificationMetrics metrics,
        @JsonProperty("history") List<EpochRecord> history,
        @JsonProperty("train_seconds") double trainSeconds,
        @JsonProperty("train_images") long trainImages,
        @JsonProperty("images_per_s") double imagesPerSecond,
        @JsonProperty("log_u") Double logU,
        @JsonProperty("stopped_early") boolean stoppedEarly,
        @JsonProperty("chosen") Chosen chosen,
        @JsonProperty("stage1") Stage1 stage1) {

    /** The shared stage-1 run ({@code run}, its directory) whose first {@code epochs} epochs this run continued. */
    public record Stage1(@JsonProperty("run") String run, @JsonProperty("epochs") int epochs) {}

    /**
     * The model chosen on validation (never on a test metric): the rule, its epoch (from 1), its
     * validation balanced accuracy and its test metrics.
     */
    public record Chosen(
            @JsonProperty("rule") String rule,
            @JsonProperty("epoch") int epoch,
            @JsonProperty("val_balanced_acc") double valBalancedAccuracy,
            @JsonProperty("test") ClassificationMetrics test) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    public RunResults {
        if (logU != null && logU == Double.NEGATIVE_INFINITY) {
            logU = null; // u = 0: no weighted step was taken
        }
    }

    /** Reads a results.json written by a finished run. */
    public static RunResults read(Path file) {
        try {
            JsonNode root = JSON.readTree(file.toFile());
            ClassificationMetrics metrics = JSON.treeToValue(root, ClassificationMetrics.class);
            Provenance provenance = root.hasNonNull("provenance") ? JSON.treeToValue(root.get("provenance"), Provenance.class) : null;
            return new RunResults(root.get("config"), provenance, JSON.treeToValue(root.get("train_counts"), long[].class),
                    root.hasNonNull("class_names") ? List.of(JSON.treeToValue(root.get("class_names"), String[].class)) : null,
                    metrics, List.of(JSON.treeToValue(root.get("history"), EpochRecord[].class)),
                    root.get("train_seconds").asDouble(), root.get("train_images").asLong(),
                    root.get("images_per_s").asDouble(), root.hasNonNull("log_u") ? root.get("log_u").asDouble() : null,
                    root.path("stopped_early").asBoolean(false),
                    root.hasNonNull("chosen") ? JSON.treeToValue(root.get("chosen"), Chosen.class) : null,
                    root.hasNonNull("stage1") ? JSON.treeToValue(root.get("stage1"), Stage1.class) : null);
        } catch (IOException | RuntimeException e) {
            throw new AbsgdException(file + ": not a readable results file: "
                    + (e instanceof IOException io ? Problems.describe(io) : e.getMessage()), e);
        }
    }
}
