package io.github.absgd.data;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The data sets and formats {@code --dataset} accepts. */
public enum DatasetKind {
    FASHION_MNIST("fashion-mnist"),
    MNIST("mnist"),
    CIFAR10("cifar10"),
    CIFAR100("cifar100"),
    IDX("idx"),
    IMAGELIST("imagelist"),
    IMAGEFOLDER("imagefolder"),
    CSV("csv");

    private final String optionName;

    DatasetKind(String optionName) {
        this.optionName = optionName;
    }

    /** The spelling used on the command line, e.g. "fashion-mnist". */
    public String optionName() {
        return optionName;
    }

    /** Parses the command-line spelling. */
    public static DatasetKind parse(String text) {
        for (DatasetKind kind : values()) {
            if (kind.optionName.equalsIgnoreCase(text)) {
                return kind;
            }
        }
        throw new BadDataException("--dataset must be one of " + allNames() + ", got '" + text + "'");
    }

    /** "fashion-mnist|mnist|...". */
    public static String allNames() {
        return Arrays.stream(values()).map(DatasetKind::optionName).collect(Collectors.joining("|"));
    }

    @Override
    public String toString() {
        return optionName;
    }
}
