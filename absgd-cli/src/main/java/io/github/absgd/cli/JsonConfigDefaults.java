package io.github.absgd.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.absgd.train.RunSpec;
import io.github.absgd.util.Problems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every option's default, from JSON keyed by long option names without the dashes: first the run
 * specification's own defaults ({@link RunSpec} and {@link io.github.absgd.data.DataSpec}, the one place they are
 * written), then, over them, {@code eval}'s checkpoint data and {@code --config FILE}
 * ({@code {"lr": 0.05, "lr-milestones": [24], "method": "absgd"}}). Options given on the command
 * line win. Unknown keys in a config file are an error naming the key.
 */
final class JsonConfigDefaults implements CommandLine.IDefaultValueProvider {

    private final ObjectNode values;
    private final Set<String> fromConfigFile;
    private final Path configFile;

    private JsonConfigDefaults(ObjectNode values, Set<String> fromConfigFile, Path configFile) {
        this.values = values;
        this.fromConfigFile = fromConfigFile;
        this.configFile = configFile;
    }

    /** The specification's defaults, flat: training and data settings under their names. */
    static JsonConfigDefaults ofSpecification() {
        ObjectNode json = RunSpec.builder().build().toJson();
        ObjectNode flat = json.objectNode();
        flat.setAll((ObjectNode) json.get("train"));
        flat.setAll((ObjectNode) json.get("data"));
        return new JsonConfigDefaults(flat, Set.of(), null);
    }

    /** These defaults with {@code more}'s values over them; {@code from}: the --config file they come from, or null. */
    JsonConfigDefaults with(JsonNode more, Path from) {
        ObjectNode merged = values.deepCopy();
        Set<String> keys = new TreeSet<>(fromConfigFile);
        if (more != null && more.isObject()) {
            merged.setAll((ObjectNode) more);
            if (from != null) {
                more.fieldNames().forEachRemaining(keys::add);
            }
        }
        return new JsonConfigDefaults(merged, keys, from != null ? from : configFile);
    }

    /** The --config file these defaults came from, or null. */
    Path configFile() {
        return configFile;
    }

    /** Whether {@code --config} set the option {@code key} (long name without dashes). */
    boolean givenInConfigFile(String key) {
        return fromConfigFile.contains(key);
    }

    /** Finds {@code --config FILE} (or {@code --config=FILE}) in the arguments, or null. */
    static Path configArgument(String[] args) {
        return pathArgument(args, "--config");
    }

    /** The value of {@code option} in the arguments ({@code --option V} or {@code --option=V}), or null. */
    static Path pathArgument(String[] args, String option) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(option) && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith(option + "=")) {
                return Path.of(args[i].substring(option.length() + 1));
            }
        }
        return null;
    }

    /** Reads a --config file and checks every key names an option of {@code command}. */
    static JsonNode read(Path file, CommandLine.Model.CommandSpec command) {
        JsonNode root;
        try {
            // one object and nothing after it, no key twice
            root = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UserError(file + ": " + Problems.describe(e), e);
        }
        if (root == null || !root.isObject()) {
            throw new UserError(file + ": a config file is one JSON object with long option names as keys");
        }
        Set<String> known = new TreeSet<>();
        for (OptionSpec option : command.options()) {
            known.add(option.longestName().replaceFirst("^--", ""));
        }
        for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!known.contains(key) || key.equals("config")) {
                throw new UserError(file + ": unknown key \"" + key + "\" (keys are the long option names of '"
                        + command.name() + "', without dashes)");
            }
        }
        return root;
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option)) {
            return null;
        }
        JsonNode value = values.get(option.longestName().replaceFirst("^--", "")); // a spec key is an option's long name
        if (value == null) {
            return null;
        }
        if (value.isNull()) { // null is ERM for --lambda; elsewhere it leaves the option's own default
            return option.longestName().equals("--lambda") ? "none" : null;
        }
        if (value.isArray() && value.isEmpty()) {
            return null; // no default: picocli would split "" into one empty item
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(item.asText()));
            return String.join(",", items);
        }
        return value.asText();
    }
}
