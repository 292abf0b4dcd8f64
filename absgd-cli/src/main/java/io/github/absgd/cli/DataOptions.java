package io.github.absgd.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.absgd.data.DataSpec;
import io.github.absgd.util.SpecJson;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The data options shared by every command that reads data (a picocli mixin): one per setting of
 * {@link io.github.absgd.data.DataSpec}, named as the specification names it, with the
 * specification's defaults (supplied by {@link JsonConfigDefaults}). Values are checked when the data is
 * loaded, so a bad value gives one line naming the option.
 */
final class DataOptions {

    /** The data specification these options describe. */
    DataSpec toSpec() {
        try {
            return SpecJson.MAPPER.treeToValue(OptionsJson.of(this), DataSpec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("data options do not map onto DataSpec", e);
        }
    }

    @Option(names = "--dataset", paramLabel = "NAME",
            description = "fashion-mnist|mnist|cifar10|cifar100|idx|imagelist|imagefolder|csv|arff (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Directory holding the data files. fashion-mnist and mnist default to Debian's "
                    + "/usr/share/datasets/<name>; cifar10/cifar100: the directory of the .bin files; "
                    + "imagelist: the root the listed paths are relative to; imagefolder: the directory holding "
                    + "train/ and test/ (or val/), one sub-folder per class.")
    Path dataDir;

    @Option(names = "--train-file", paramLabel = "FILE",
            description = "csv, arff: the training file; imagelist: the training list ('relative/path label' lines); "
                    + "idx: the training images (default: train-images-idx3-ubyte[.gz] in --data-dir). "
                    + "Relative to --data-dir when not found as given.")
    Path trainFile;

    @Option(names = "--test-file", paramLabel = "FILE",
            description = "csv: the test CSV (default: a stratified split of --train-file, see --test-fraction); "
                    + "imagelist: the test or validation list; idx: the test images (default: t10k-images-idx3-ubyte[.gz]).")
    Path testFile;

    @Option(names = "--train-labels", paramLabel = "FILE",
            description = "idx: the training labels (default: train-labels-idx1-ubyte[.gz] next to the images).")
    Path trainLabels;

    @Option(names = "--test-labels", paramLabel = "FILE",
            description = "idx: the test labels (default: t10k-labels-idx1-ubyte[.gz] next to the images).")
    Path testLabels;

    @Option(names = "--classes", paramLabel = "N",
            description = "The number of classes, for labels that are class indices (idx, imagelist, csv): labels must be "
                    + "below N, and classes without a training sample are kept. Without it the classes are 1 + the largest "
                    + "label, and a class below it without a training sample is an error (often 1-based labels). "
                    + "fashion-mnist, mnist, cifar10, cifar100 and imagefolder take only their own number "
                    + "(default: from the labels).")
    Integer classes;

    @Option(names = "--imbalance", paramLabel = "RHO",
            description = "Imbalance ratio of the long-tailed training subset, largest class / smallest; "
                    + "1 keeps the training set as is (default: ${DEFAULT-VALUE}).")
    double imbalance;

    @Option(names = "--profile", paramLabel = "exp|step",
            description = "Long-tail profile: exp (n_i = n_max * rho^(-i/(C-1))) or step (n_max for the first "
                    + "half of the classes, n_max/rho after) (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--max-per-class", paramLabel = "N",
            description = "n_max of the subset: the size of class 0 (default: the largest class's size). "
                    + "With --imbalance 1 it draws a balanced subset of N per class.")
    int maxPerClass;

    @Option(names = "--subset-seed", paramLabel = "N",
            description = "Seed of the subset (numpy-compatible shuffle) and of the CSV split; part of the "
                    + "benchmark, so independent of --seed (default: ${DEFAULT-VALUE}).")
    long subsetSeed;

    @Option(names = "--noise", paramLabel = "RATE",
            description = "Label-noise rate in [0, 1), applied to the training labels after the subset (default: ${DEFAULT-VALUE}).")
    double noise;

    @Option(names = "--noise-type", paramLabel = "sym|asym",
            description = "sym: to a uniformly chosen other class; asym: along the data set's class map "
                    + "(cifar10, cifar100 fine, fashion-mnist) (default: ${DEFAULT-VALUE}).")
    String noiseType;

    @Option(names = "--noise-seed", paramLabel = "N",
            description = "Seed of the label noise (default: the --subset-seed).")
    Long noiseSeed;

    @Option(names = "--label-column", paramLabel = "NAME|INDEX",
            description = "csv: the label column, by header name or 0-based index (default: the last column).")
    String labelColumn;

    @Option(names = "--delimiter", paramLabel = "CHAR",
            description = "csv: the field separator, one character or 'tab' (default: whichever of comma, semicolon and "
                    + "tab occurs most often, outside quotes, in each file's header line; comma on a tie or when none "
                    + "occurs).")
    String delimiter;

    @Option(names = "--categorical", paramLabel = "COL", split = ",",
            description = "csv: comma-separated columns to one-hot encode (categories from the training rows; "
                    + "a category unseen in training encodes as all zeros).")
    List<String> categorical;

    @Option(names = "--test-fraction", paramLabel = "F",
            description = "csv without --test-file: the fraction of each class held out for testing, seeded "
                    + "by --subset-seed (default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(names = "--image-size", paramLabel = "PIXELS",
            description = "imagelist, imagefolder: images are resized to PIXELS x PIXELS, RGB (default: ${DEFAULT-VALUE}).")
    int imageSize;

    @Option(names = "--label-kind", paramLabel = "fine|coarse",
            description = "cifar100: fine (100 classes) or coarse (20 superclasses) labels (default: ${DEFAULT-VALUE}).")
    String labelKind;

    @Option(names = "--crop-padding", paramLabel = "P",
            description = "Augmentation: pad P zero pixels, then crop back at random (default: 2 for 28x28 "
                    + "IDX images, 4 otherwise).")
    Integer cropPadding;

    @Option(names = "--val-fraction", paramLabel = "F",
            description = "Carve a validation set from the training set (after --imbalance and --noise): F of each class, "
                    + "at least one sample of a class that has two, seeded by --subset-seed. Its metrics go into "
                    + "metrics.jsonl; --keep best-val and --patience read them, never the test set. 0: none "
                    + "(default: ${DEFAULT-VALUE}).")
    double valFraction;

    @Option(names = "--val-file", paramLabel = "FILE",
            description = "csv, arff, imagelist: the validation set from its own file, in the training file's format (read as "
                    + "--test-file is), instead of --val-fraction.")
    Path valFile;

    @Option(names = "--stream", paramLabel = "auto|on|off",
            description = "imagelist, imagefolder: on keeps only the images' paths and labels in memory and decodes each "
                    + "batch when training or evaluation needs it, a few batches ahead on a pool of threads (one per core, "
                    + "at most 8); off decodes every image into memory first (quicker epochs while they fit); auto streams "
                    + "when the decoded images would take more than 512 MiB. Results are the same bit for bit "
                    + "(default: ${DEFAULT-VALUE}).")
    String stream;
}
