package io.github.absgd.data;

import io.github.absgd.util.InvalidSettingException;
import io.github.absgd.util.Names;

/** The data sets and formats {@code --dataset} accepts. */
public enum DatasetKind implements Names.Named {
    FASHION_MNIST("fashion-mnist"),
    MNIST("mnist"),
    CIFAR10("cifar10"),
    CIFAR100("cifar100"),
    IDX("idx"),
    IMAGELIST("imagelist"),
    IMAGEFOLDER("imagefolder"),
    CSV("csv"),
    ARFF("arff");

    private final String id;

    DatasetKind(String id) {
        this.id = id;
    }

    /** The spelling used on the command line, e.g. "fashion-mnist". */
    @Override
    public String id() {
        return id;
    }

    /** Parses the command-line spelling. */
    public static DatasetKind parse(String text) {
        return Names.find(DatasetKind.class, text).orElseThrow(() -> new InvalidSettingException("dataset",
                "must be one of " + Names.list(DatasetKind.class, "|") + ", got '" + text + "'"));
    }

    @Override
    public String toString() {
        return id;
    }
}
