package io.github.absgd.train;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.absgd.util.AbsgdException;
import io.github.absgd.util.Problems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stage 1 trained once for the runs of a grid that train alike until stage 2. Before the stage-2
 * epoch, {@code ce}, {@code ce-drw}, {@code absgd} and {@code absgd-drw} at any lambda, gamma, alpha
 * or beta are all plain ERM on the same base loss: lambda is off, deferred class weights are off, and
 * the attentional reduction in ERM is the plain mean ({@link io.github.absgd.loss.AttentionalLoss}).
 * Every random choice is a function of the seed, epoch and step, so a run continued from the shared
 * state (parameters, optimizer state, step counters, the weighting's state) ends exactly where it
 * ends trained alone.
 *
 * <p>{@link #prefixOf} gives the stage-1 run a specification maps to: the same specification with
 * the first method (in declaration order) that trains alike before stage 2 and the stage-2-only
 * settings at their defaults. {@link #plan} groups a grid's runs by it; {@link TrainingRun#runFirstEpochs}
 * trains the prefix; {@link #fork} starts a run's directory from it.
 */
public final class SharedStage1 {

    /** The directory, under a grid's output, that holds its stage-1 runs. */
    public static final String DIRECTORY = "stage1";

    /** One stage-1 run: its specification and directory, and the indices (in the planned list) of the runs that continue it. */
    public record Group(RunSpec prefix, Path dir, List<Integer> members) {}

    private SharedStage1() {}

    /**
     * The stage-1 run {@code spec} can continue from, or empty when it cannot share one: no stage 2
     * inside its epochs, a start from another run ({@code from}), or early stopping ({@code patience},
     * which may end a run inside stage 1).
     */
    public static Optional<RunSpec> prefixOf(RunSpec spec) {
        if (spec.from() != null || spec.patience() > 0 || spec.stage2Epoch() < 1 || spec.stage2Epoch() >= spec.epochs()) {
            return Optional.empty();
        }
        RunSpec defaults = RunSpec.builder().build();
        return Optional.of(spec.toBuilder().method(twin(spec)).lambda(defaults.lambda()).gamma(defaults.gamma())
                .alpha(defaults.alpha()).beta(spec.method().classWeights() == Method.ClassWeights.FROM_START ? spec.beta()
                        : defaults.beta()).build());
    }

    /**
     * The first method that trains as {@code spec}'s does before stage 2: the same base loss,
     * optimizer and from-the-start class weights; and, on noisy labels, the same reduction (the
     * attentional one reports the noisy samples' weight share, the means do not).
     */
    private static Method twin(RunSpec spec) {
        boolean noisy = spec.data().noise() > 0;
        Method own = spec.method();
        for (Method other : Method.values()) {
            if (other.base() == own.base() && other.optimizer() == own.optimizer()
                    && (other.classWeights() == Method.ClassWeights.FROM_START) == (own.classWeights() == Method.ClassWeights.FROM_START)
                    && (!noisy || other.attentional() == own.attentional())) {
                return other;
            }
        }
        throw new IllegalStateException("no method trains like " + own + ", not even itself");
    }

    /**
     * Groups {@code specs} by their stage-1 run, keeping only stage-1 runs that at least two of
     * them share; each group's directory is {@code root/stage1/<method>-seed<k>-<digest>}, a
     * function of the prefix's specification alone, so the same grid run again finds it.
     */
    public static List<Group> plan(List<RunSpec> specs, Path root) {
        Map<String, List<Integer>> byPrefix = new LinkedHashMap<>();
        Map<String, RunSpec> prefixes = new LinkedHashMap<>();
        for (int i = 0; i < specs.size(); i++) {
            Optional<RunSpec> prefix = prefixOf(specs.get(i));
            if (prefix.isPresent()) {
                String key = canonical(prefix.get().toJson());
                prefixes.putIfAbsent(key, prefix.get());
                byPrefix.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            }
        }
        List<Group> groups = new ArrayList<>();
        byPrefix.forEach((key, members) -> {
            if (members.size() >= 2) {
                RunSpec prefix = prefixes.get(key);
                String name = prefix.method().id() + "-seed" + prefix.seed() + "-" + digest(key);
                groups.add(new Group(prefix, root.resolve(DIRECTORY).resolve(name), List.copyOf(members)));
            }
        });
        return groups;
    }

    /** {@link #plan}'s groups by the index of each member: the stage-1 run each specification continues, if any. */
    public static Map<Integer, Group> groupsByMember(List<RunSpec> specs, Path root) {
        Map<Integer, Group> groupOf = new HashMap<>();
        for (Group group : plan(specs, root)) {
            group.members().forEach(i -> groupOf.put(i, group));
        }
        return groupOf;
    }

    /**
     * Starts run {@code spec} in {@code dir} from the stage-1 run in {@code stage1Dir}, paused at
     * the end of epoch {@code spec.stage2Epoch()}: its metrics of those epochs, its checkpoint (and
     * best-validation checkpoint) with {@code spec} as the configuration. The checkpoint is written
     * last, so a crash in between leaves a directory that is forked again. Resume the run to train stage 2.
     */
    public static void fork(Path stage1Dir, RunSpec spec, Path dir) {
        fork(stage1Dir, stage1Dir.toAbsolutePath().normalize().toString(), spec, dir);
    }

    /**
     * As {@link #fork(Path, RunSpec, Path)}, the run recording {@code stage1Name} as the stage-1 run
     * it continued: where that run lives for its user (e.g. a cluster path) when {@code stage1Dir}
     * is a local copy of it.
     */
    public static void fork(Path stage1Dir, String stage1Name, RunSpec spec, Path dir) {
        Path source = stage1Dir.resolve(CheckpointFile.FILE_NAME);
        RunSpec expected = prefixOf(spec).orElseThrow(() -> new IllegalArgumentException(
                "run " + dir + " cannot continue a shared stage 1 (no stage 2 inside its epochs, `from` or `patience`)"));
        CheckpointState state = CheckpointFile.readState(source);
        List<String> differences = TrainingRun.optionDifferences(state.config(), expected.toJson());
        if (!differences.isEmpty() || state.epochsCompleted() != spec.stage2Epoch() || state.stepInEpoch() != 0 || state.finished()) {
            throw new AbsgdException(source + ": not the stage 1 of " + dir + " paused at epoch " + spec.stage2Epoch()
                    + " (" + (differences.isEmpty() ? "it is at epoch " + state.epochsCompleted() + ", step " + state.stepInEpoch()
                    : String.join("; ", differences)) + ")");
        }
        try (RunFiles files = RunFiles.prepare(dir)) {
            if (Files.exists(files.checkpoint())) {
                throw new RunExistsException(dir);
            }
            files.replaceMetrics(RunFiles.readMetrics(stage1Dir.resolve(RunFiles.METRICS)), spec.stage2Epoch());
            JsonNode config = spec.toJson();
            Path best = stage1Dir.resolve(CheckpointFile.BEST_FILE_NAME);
            if (Files.exists(best)) {
                CheckpointFile.copyWithState(best, files.bestCheckpoint(), s -> s.forkedAs(config, stage1Name));
            }
            CheckpointFile.copyWithState(source, files.checkpoint(), s -> s.forkedAs(config, stage1Name));
        } catch (IOException e) {
            throw new AbsgdException(dir + ": cannot start from the stage-1 run " + stage1Dir + ": " + Problems.describe(e), e);
        }
    }

    private static String canonical(JsonNode json) {
        return TrainingRun.normalised(json).toString();
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
