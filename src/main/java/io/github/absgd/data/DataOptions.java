package io.github.absgd.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The data options shared by every command that reads data (a picocli mixin: declare
 * {@code @Mixin DataOptions data;}), then call {@link DataLoader#load(DataOptions)}. Values are
 * checked when the data is loaded, so bad values give one clear {@link BadDataException}.
 */
public class DataOptions {

    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "fashion-mnist",
            description = "fashion-mnist|mnist|cifar10|cifar100|idx|imagelist|imagefolder|csv (default: ${DEFAULT-VALUE}).")
    public String dataset = "fashion-mnist";

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Directory holding the data files. fashion-mnist and mnist default to Debian's "
                    + "/usr/share/datasets/<name>; cifar10/cifar100: the directory of the .bin files; "
                    + "imagelist: the root the listed paths are relative to; imagefolder: the directory holding "
                    + "train/ and test/ (or val/), one sub-folder per class.")
    public Path dataDir;

    @Option(names = "--train-file", paramLabel = "FILE",
            description = "csv: the training CSV; imagelist: the training list ('relative/path label' lines); "
                    + "idx: the training images (default: train-images-idx3-ubyte[.gz] in --data-dir). "
                    + "Relative to --data-dir when not found as given.")
    public Path trainFile;

    @Option(names = "--test-file", paramLabel = "FILE",
            description = "csv: the test CSV (default: a stratified split of --train-file, see --test-fraction); "
                    + "imagelist: the test or validation list; idx: the test images (default: t10k-images-idx3-ubyte[.gz]).")
    public Path testFile;

    @Option(names = "--train-labels", paramLabel = "FILE",
            description = "idx: the training labels (default: train-labels-idx1-ubyte[.gz] next to the images).")
    public Path trainLabels;

    @Option(names = "--test-labels", paramLabel = "FILE",
            description = "idx: the test labels (default: t10k-labels-idx1-ubyte[.gz] next to the images).")
    public Path testLabels;

    @Option(names = "--imbalance", paramLabel = "RHO", defaultValue = "1",
            description = "Imbalance ratio of the long-tailed training subset, largest class / smallest; "
                    + "1 keeps the training set as is (default: ${DEFAULT-VALUE}).")
    public double imbalance = 1;

    @Option(names = "--profile", paramLabel = "exp|step", defaultValue = "exp",
            description = "Long-tail profile: exp (n_i = n_max * rho^(-i/(C-1))) or step (n_max for the first "
                    + "half of the classes, n_max/rho after) (default: ${DEFAULT-VALUE}).")
    public String profile = "exp";

    @Option(names = "--max-per-class", paramLabel = "N", defaultValue = "0",
            description = "n_max of the subset: the size of class 0 (default: the largest class's size). "
                    + "With --imbalance 1 it draws a balanced subset of N per class.")
    public int maxPerClass = 0;

    @Option(names = "--subset-seed", paramLabel = "N", defaultValue = "0",
            description = "Seed of the subset (numpy-compatible shuffle) and of the CSV split; part of the "
                    + "benchmark, so independent of --seed (default: ${DEFAULT-VALUE}).")
    public long subsetSeed = 0;

    @Option(names = "--noise", paramLabel = "RATE", defaultValue = "0",
            description = "Label-noise rate in [0, 1), applied to the training labels after the subset (default: ${DEFAULT-VALUE}).")
    public double noise = 0;

    @Option(names = "--noise-type", paramLabel = "sym|asym", defaultValue = "sym",
            description = "sym: to a uniformly chosen other class; asym: along the data set's class map "
                    + "(cifar10, cifar100 fine, fashion-mnist) (default: ${DEFAULT-VALUE}).")
    public String noiseType = "sym";

    @Option(names = "--noise-seed", paramLabel = "N",
            description = "Seed of the label noise (default: the --subset-seed).")
    public Long noiseSeed;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
            description = "Training seed: augmentation and batch order (default: ${DEFAULT-VALUE}).")
    public long seed = 0;

    @Option(names = "--label-column", paramLabel = "NAME|INDEX",
            description = "csv: the label column, by header name or 0-based index (default: the last column).")
    public String labelColumn;

    @Option(names = "--categorical", paramLabel = "COL", split = ",",
            description = "csv: comma-separated columns to one-hot encode (categories from the training rows; "
                    + "a category unseen in training encodes as all zeros).")
    public List<String> categorical = new ArrayList<>();

    @Option(names = "--test-fraction", paramLabel = "F", defaultValue = "0.2",
            description = "csv without --test-file: the fraction of each class held out for testing, seeded "
                    + "by --subset-seed (default: ${DEFAULT-VALUE}).")
    public double testFraction = 0.2;

    @Option(names = "--image-size", paramLabel = "PIXELS", defaultValue = "32",
            description = "imagelist, imagefolder: images are resized to PIXELS x PIXELS, RGB (default: ${DEFAULT-VALUE}).")
    public int imageSize = 32;

    @Option(names = "--label-kind", paramLabel = "fine|coarse", defaultValue = "fine",
            description = "cifar100: fine (100 classes) or coarse (20 superclasses) labels (default: ${DEFAULT-VALUE}).")
    public String labelKind = "fine";

    @Option(names = "--crop-padding", paramLabel = "P",
            description = "Augmentation: pad P zero pixels, then crop back at random (default: 2 for 28x28 "
                    + "IDX images, 4 otherwise).")
    public Integer cropPadding;
}
