package io.github.absgd.data;

import io.github.absgd.util.InvalidSettingException;
import io.github.absgd.util.Names;

/** The data sets and formats {@code --dataset} accepts. */
public enum DatasetKind implements Names.Named {
    FASHION_MNIST,
    MNIST,
    CIFAR10,
    CIFAR100,
    IDX,
    IMAGELIST,
    IMAGEFOLDER,
    CSV,
    ARFF;

    /** Parses the command-line spelling. */
    public static DatasetKind parse(String text) {
        return Names.find(DatasetKind.class, text).orElseThrow(() -> new InvalidSettingException("dataset",
                "must be one of " + Names.list(DatasetKind.class, "|") + ", got '" + text + "'"));
    }

    @Override
    public String toString() {
        return id();
    }
}
