package io.github.absgd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.absgd.train.RunSpec;
import io.github.absgd.util.SpecJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options every training command takes: the run's, the data's, --config and --verbose. */
final class RunOptions {

    @Mixin
    TrainingOptions training;

    @Mixin
    DataOptions data;

    @Option(names = "--config", paramLabel = "FILE", description = "JSON file of defaults, keys = long option names")
    Path configFile;

    @Option(names = "--verbose", description = "print stack traces of errors")
    boolean verbose;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The options that take a list of values for {@code sweep}: its grid. */
    static final List<String> GRID = List.of("lr", "lambda", "gamma", "alpha");

    /** The run specification the options describe, checked (before any data is read); every grid option has one value. */
    RunSpec spec() {
        return spec(Map.of());
    }

    /** The specification at one point of the grid: {@code point}'s values, the other grid options' single values. */
    RunSpec spec(Map<String, JsonNode> point) {
        RecipeDefaults.apply(command, data);
        ObjectNode train = OptionsJson.of(training);
        for (String key : GRID) {
            JsonNode values = train.get(key);
            if (point.containsKey(key)) {
                train.set(key, point.get(key));
            } else if (values.size() == 1) {
                train.set(key, values.get(0));
            } else {
                throw new UserError("--" + key + " takes one value here, got " + values + " (a list of values is for 'sweep')");
            }
        }
        ObjectNode json = SpecJson.MAPPER.createObjectNode();
        json.set("train", train);
        json.set("data", OptionsJson.of(data));
        return RunSpec.fromJson(json);
    }

    /** The values each grid option was given (one for an option that is not swept). */
    Map<String, List<JsonNode>> gridValues() {
        ObjectNode train = OptionsJson.of(training);
        Map<String, List<JsonNode>> grid = new LinkedHashMap<>();
        for (String key : GRID) {
            List<JsonNode> values = new ArrayList<>();
            train.get(key).forEach(values::add);
            grid.put(key, values);
        }
        return grid;
    }
}
