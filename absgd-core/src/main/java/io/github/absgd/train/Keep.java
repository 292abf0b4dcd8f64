package io.github.absgd.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.github.absgd.util.Names;

/** Which model a run reports beside the last epoch's: none, or the epoch with the best validation balanced accuracy. */
public enum Keep implements Names.Named {
    /** The last epoch's model only. */
    LAST,
    /** Also the best validation epoch's, in {@code checkpoint-best.bin}, with its test metrics in {@code results.json}. */
    BEST_VAL;

    /** Parses a name (also from JSON); an unknown one is an {@link io.github.absgd.util.InvalidSettingException}. */
    @JsonCreator
    public static Keep parse(String name) {
        return Names.parse(Keep.class, name, "keep");
    }
}
