package io.github.absgd.model;

import ai.djl.nn.Block;
import io.github.absgd.UserError;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Which part of a {@link ClassifierModel} a (stage-2) training run updates. */
public enum TrainableScope {
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
    public String cliName() {
        return cliName;
    }

    /** Parses a command-line name; an unknown one is a {@link UserError} listing the known ones. */
    public static TrainableScope parse(String name) {
        for (TrainableScope scope : values()) {
            if (scope.cliName.equals(name)) {
                return scope;
            }
        }
        String known = Arrays.stream(values()).map(TrainableScope::cliName).collect(Collectors.joining(", "));
        throw new UserError("unknown fine-tuning scope '" + name + "'; known: " + known);
    }

    List<Block> trainableBlocks(ClassifierModel model) {
        return switch (this) {
            case ALL -> List.of(model.block());
            case CLASSIFIER -> List.of(model.head());
            case LAST_BLOCK -> List.of(model.head(), model.lastBlock());
        };
    }
}
