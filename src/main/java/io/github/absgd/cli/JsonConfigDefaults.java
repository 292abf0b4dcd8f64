package io.github.absgd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.absgd.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code --config FILE}: a JSON object whose keys are long option names without the dashes
 * ({@code {"lr": 0.05, "lr-milestones": [24], "method": "absgd"}}) supplies defaults; options given
 * on the command line win. Unknown keys are an error naming the key.
 */
final class JsonConfigDefaults implements CommandLine.IDefaultValueProvider {

    private final JsonNode values;

    private JsonConfigDefaults(JsonNode values) {
        this.values = values;
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

    /** Defaults from a stored configuration (e.g. a checkpoint's data options); keys without an option are ignored. */
    static JsonConfigDefaults of(JsonNode values) {
        return new JsonConfigDefaults(values);
    }

    /** Reads the file and checks every key names an option of {@code command}. */
    static JsonConfigDefaults read(Path file, CommandLine.Model.CommandSpec command) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UserError(file + ": " + UserError.describe(e), e);
        }
        if (root == null || !root.isObject()) {
            throw new UserError(file + ": a config file is one JSON object with long option names as keys");
        }
        Set<String> known = new java.util.TreeSet<>();
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
        return new JsonConfigDefaults(root);
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option)) {
            return null;
        }
        JsonNode value = values.get(option.longestName().replaceFirst("^--", ""));
        if (value == null) {
            return null;
        }
        if (value.isNull()) { // null is ERM for --lambda; elsewhere it leaves the option's own default
            return option.longestName().equals("--lambda") ? "none" : null;
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(item.asText()));
            return String.join(",", items);
        }
        return value.asText();
    }
}
