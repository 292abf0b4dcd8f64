package io.github.absgd.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.absgd.train.RunSpec;
import io.github.absgd.util.SpecJson;
import java.nio.file.Path;
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

    /** The run specification the options describe, checked (before any data is read). */
    RunSpec spec() {
        RecipeDefaults.apply(command, data);
        ObjectNode json = SpecJson.MAPPER.createObjectNode();
        json.set("train", OptionsJson.of(training));
        json.set("data", OptionsJson.of(data));
        return RunSpec.fromJson(json);
    }
}
