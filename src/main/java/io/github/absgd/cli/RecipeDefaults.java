package io.github.absgd.cli;

import io.github.absgd.data.DataOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The Fashion-MNIST-LT recipe is what {@code train} and {@code compare} do by default: on
 * {@code --dataset fashion-mnist} without an explicit {@code --imbalance} (on the command line or
 * in --config) the training set is the rho = 100 long-tailed subset. {@code data} keeps rho = 1.
 */
final class RecipeDefaults {

    static final double FASHION_MNIST_LT_RHO = 100;

    private RecipeDefaults() {}

    static void apply(CommandSpec spec, DataOptions data) {
        OptionSpec imbalance = spec.findOption("--imbalance");
        boolean explicit = spec.commandLine().getParseResult().hasMatchedOption("--imbalance")
                || (spec.defaultValueProvider() != null && providerSets(spec, imbalance));
        if (!explicit && "fashion-mnist".equals(data.dataset)) {
            data.imbalance = FASHION_MNIST_LT_RHO;
        }
    }

    private static boolean providerSets(CommandSpec spec, OptionSpec option) {
        try {
            return spec.defaultValueProvider().defaultValue(option) != null;
        } catch (Exception e) {
            return false;
        }
    }
}
