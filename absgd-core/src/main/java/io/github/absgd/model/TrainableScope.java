package io.github.absgd.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import ai.djl.nn.Block;
import io.github.absgd.util.Names;
import java.util.List;

/** Which part of a {@link ClassifierModel} a (stage-2) training run updates. */
public enum TrainableScope implements Names.Named {
    /** Every layer. */
    ALL,
    /** Only the classifier head. */
    CLASSIFIER,
    /** The classifier head and the last block of the feature extractor. */
    LAST_BLOCK;

    /** Parses a name (also from JSON); an unknown one is an {@link io.github.absgd.util.InvalidSettingException} listing the known ones. */
    @JsonCreator
    public static TrainableScope parse(String name) {
        return Names.parse(TrainableScope.class, name, "finetune");
    }

    List<Block> trainableBlocks(ClassifierModel model) {
        return switch (this) {
            case ALL -> List.of(model.block());
            case CLASSIFIER -> List.of(model.head());
            case LAST_BLOCK -> List.of(model.head(), model.lastBlock());
        };
    }
}
