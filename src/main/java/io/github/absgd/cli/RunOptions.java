package io.github.absgd.cli;

import io.github.absgd.data.DataOptions;
import io.github.absgd.train.RunConfig;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options every training command takes: the run's, the data's, --config and --verbose. */
final class RunOptions {

    @Mixin
    RunConfig config;

    @Mixin
    DataOptions data;

    @Option(names = "--config", paramLabel = "FILE", description = "JSON file of defaults, keys = long option names")
    Path configFile;

    @Option(names = "--verbose", description = "print stack traces of errors")
    boolean verbose;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** Applies the recipe's defaults and checks the run's options (before any data is read). */
    void prepare() {
        RecipeDefaults.apply(command, data);
        config.validate();
    }
}
