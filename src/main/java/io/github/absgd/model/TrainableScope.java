package io.github.absgd.model;

import ai.djl.nn.Block;
import io.github.absgd.CliNames;
import java.util.List;

/** Which part of a {@link ClassifierModel} a (stage-2) training run updates. */
public enum TrainableScope implements CliNames.Named {
    /** Every layer. */
    ALL("all"),
    /** Only the classifier head. */
    CLASSIFIER("classifier"),
    /** The classifier head and the last block of the feature extractor. */
    LAST_BLOCK("last-block");

    private final String cliName;

    TrainableScope(String cliName) {
        this.cliName = cliName;
    }

    /** The name used on the command line ({@code --finetune all|classifier|last-block}). */
    @Override
    public String cliName() {
        return cliName;
    }

    /** Parses a command-line name; an unknown one is a {@link io.github.absgd.UserError} listing the known ones. */
    public static TrainableScope parse(String name) {
        return CliNames.parse(TrainableScope.class, name, "fine-tuning scope");
    }

    List<Block> trainableBlocks(ClassifierModel model) {
        return switch (this) {
            case ALL -> List.of(model.block());
            case CLASSIFIER -> List.of(model.head());
            case LAST_BLOCK -> List.of(model.head(), model.lastBlock());
        };
    }
}
