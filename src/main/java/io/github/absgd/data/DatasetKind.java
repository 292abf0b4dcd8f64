package io.github.absgd.data;

import io.github.absgd.CliNames;

/** The data sets and formats {@code --dataset} accepts. */
public enum DatasetKind implements CliNames.Named {
    FASHION_MNIST("fashion-mnist"),
    MNIST("mnist"),
    CIFAR10("cifar10"),
    CIFAR100("cifar100"),
    IDX("idx"),
    IMAGELIST("imagelist"),
    IMAGEFOLDER("imagefolder"),
    CSV("csv");

    private final String cliName;

    DatasetKind(String cliName) {
        this.cliName = cliName;
    }

    /** The spelling used on the command line, e.g. "fashion-mnist". */
    @Override
    public String cliName() {
        return cliName;
    }

    /** Parses the command-line spelling. */
    public static DatasetKind parse(String text) {
        return CliNames.find(DatasetKind.class, text).orElseThrow(() -> new BadDataException(
                "--dataset must be one of " + CliNames.list(DatasetKind.class, "|") + ", got '" + text + "'"));
    }

    @Override
    public String toString() {
        return cliName;
    }
}
