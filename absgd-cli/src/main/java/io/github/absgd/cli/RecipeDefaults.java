package io.github.absgd.cli;

import picocli.CommandLine.Model.CommandSpec;

/**
 * The Fashion-MNIST-LT recipe is what {@code train} and {@code compare} do by default: on
 * {@code --dataset fashion-mnist} without an explicit {@code --imbalance} (on the command line or
 * in --config) the training set is the rho = 100 long-tailed subset. {@code data} keeps rho = 1.
 */
final class RecipeDefaults {

    static final double FASHION_MNIST_LT_RHO = 100;

    private RecipeDefaults() {}

    static void apply(CommandSpec spec, DataOptions data) {
        boolean explicit = spec.commandLine().getParseResult().hasMatchedOption("--imbalance")
                || (spec.defaultValueProvider() instanceof JsonConfigDefaults defaults && defaults.givenInConfigFile("imbalance"));
        if (!explicit && "fashion-mnist".equals(data.dataset)) {
            data.imbalance = FASHION_MNIST_LT_RHO;
        }
    }
}
