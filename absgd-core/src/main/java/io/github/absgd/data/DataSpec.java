package io.github.absgd.data;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which data a run trains and tests on, immutable: the data set and its files, the long-tailed
 * subset, label noise, and the format's own settings. {@link DataLoader#load(DataSpec)} reads it;
 * values are checked there, so a bad value fails before any file is read, naming the setting.
 * JSON keys (as in {@code results.json}) are the settings' names, e.g. {@code max-per-class}.
 *
 * <pre>{@code
 * DataSpec data = DataSpec.builder().dataset("cifar10").dataDir(Path.of("/data/cifar-10-batches-bin"))
 *         .imbalance(100).build();
 * }</pre>
 *
 * @param dataset fashion-mnist, mnist, cifar10, cifar100, idx, imagelist, imagefolder or csv
 * @param dataDir the directory of the data files (null: Debian's /usr/share/datasets/NAME for
 *     fashion-mnist and mnist)
 * @param trainFile csv: the training CSV; imagelist: the training list; idx: the training images
 * @param testFile the test CSV, list or IDX images (csv: null splits the training file)
 * @param trainLabels idx: the training labels (null: beside the images)
 * @param testLabels idx: the test labels (null: beside the images)
 * @param classes the number of classes, for labels that are class indices (idx, imagelist, csv): labels
 *     must be below it and classes without a sample are kept; null infers 1 + the largest label and
 *     refuses a gap (a class below it without a training sample). Data sets with a fixed number of
 *     classes (fashion-mnist, mnist, cifar10, cifar100, imagefolder) accept only that number
 * @param imbalance rho of the long-tailed training subset, largest class over smallest; 1 keeps the set
 * @param profile exp (n_i = n_max·rho^(−i/(C−1))) or step
 * @param maxPerClass n_max of the subset (0: the largest class's size)
 * @param subsetSeed seed of the subset (numpy-compatible shuffle) and of the CSV split
 * @param noise label-noise rate in [0, 1) applied after the subset
 * @param noiseType sym or asym (along the data set's class map)
 * @param noiseSeed seed of the label noise (null: {@code subsetSeed})
 * @param labelColumn csv: the label column by name or 0-based index (null: the last)
 * @param delimiter csv: the field separator, one character or "tab" (null: whichever of comma,
 *     semicolon and tab occurs most often, outside quotes, in each file's header line; comma on a tie
 *     or when none occurs)
 * @param categorical csv: columns to one-hot encode
 * @param testFraction csv without a test file: the fraction of each class held out
 * @param imageSize imagelist, imagefolder: images are resized to this many pixels square
 * @param labelKind cifar100: fine or coarse labels
 * @param cropPadding augmentation padding in pixels (null: 2 for 28×28 IDX images, 4 otherwise)
 * @param valFraction the fraction of each class carved from the training set (after the long tail
 *     and noise) as a validation set, seeded by {@code subsetSeed}; 0 for none (see {@link ValidationSplit})
 * @param valFile csv, arff, imagelist: a validation file in the training file's format, read as the
 *     test file is (null: none; not with {@code valFraction})
 * @param stream imagelist, imagefolder: {@code on} keeps only the images' paths and labels in memory
 *     and decodes batches as training and evaluation need them, a few batches ahead on a pool of
 *     threads; {@code off} decodes every image into memory first; {@code auto} (the default) streams
 *     when the decoded images would take more than 512 MiB. Results are the same either way
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DataSpec(
        @JsonProperty("dataset") String dataset,
        @JsonProperty("data-dir") Path dataDir,
        @JsonProperty("train-file") Path trainFile,
        @JsonProperty("test-file") Path testFile,
        @JsonProperty("train-labels") Path trainLabels,
        @JsonProperty("test-labels") Path testLabels,
        @JsonProperty("classes") Integer classes,
        @JsonProperty("imbalance") double imbalance,
        @JsonProperty("profile") String profile,
        @JsonProperty("max-per-class") int maxPerClass,
        @JsonProperty("subset-seed") long subsetSeed,
        @JsonProperty("noise") double noise,
        @JsonProperty("noise-type") String noiseType,
        @JsonProperty("noise-seed") Long noiseSeed,
        @JsonProperty("label-column") String labelColumn,
        @JsonProperty("delimiter") String delimiter,
        @JsonProperty("categorical") List<String> categorical,
        @JsonProperty("test-fraction") double testFraction,
        @JsonProperty("image-size") int imageSize,
        @JsonProperty("label-kind") String labelKind,
        @JsonProperty("crop-padding") Integer cropPadding,
        @JsonProperty("val-fraction") double valFraction,
        @JsonProperty("val-file") Path valFile,
        @JsonProperty("stream") String stream) {

    public DataSpec {
        categorical = categorical == null ? List.of() : List.copyOf(categorical);
    }

    /** The defaults: Fashion-MNIST as Debian installs it, the whole training set, no noise. */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds a {@link DataSpec}; starts from the defaults. */
    public static final class Builder {
        private String dataset = "fashion-mnist";
        private Path dataDir;
        private Path trainFile;
        private Path testFile;
        private Path trainLabels;
        private Path testLabels;
        private Integer classes;
        private double imbalance = 1;
        private String profile = "exp";
        private int maxPerClass;
        private long subsetSeed;
        private double noise;
        private String noiseType = "sym";
        private Long noiseSeed;
        private String labelColumn;
        private String delimiter;
        private List<String> categorical = new ArrayList<>();
        private double testFraction = 0.2;
        private int imageSize = 32;
        private String labelKind = "fine";
        private Integer cropPadding;
        private double valFraction;
        private Path valFile;
        private String stream = "auto";

        private Builder() {}

        private Builder(DataSpec s) {
            dataset = s.dataset;
            dataDir = s.dataDir;
            trainFile = s.trainFile;
            testFile = s.testFile;
            trainLabels = s.trainLabels;
            testLabels = s.testLabels;
            classes = s.classes;
            imbalance = s.imbalance;
            profile = s.profile;
            maxPerClass = s.maxPerClass;
            subsetSeed = s.subsetSeed;
            noise = s.noise;
            noiseType = s.noiseType;
            noiseSeed = s.noiseSeed;
            labelColumn = s.labelColumn;
            delimiter = s.delimiter;
            categorical = new ArrayList<>(s.categorical);
            testFraction = s.testFraction;
            imageSize = s.imageSize;
            labelKind = s.labelKind;
            cropPadding = s.cropPadding;
            valFraction = s.valFraction;
            valFile = s.valFile;
            stream = s.stream;
        }

        public Builder dataset(String value) {
            dataset = value;
            return this;
        }

        public Builder dataDir(Path value) {
            dataDir = value;
            return this;
        }

        public Builder trainFile(Path value) {
            trainFile = value;
            return this;
        }

        public Builder testFile(Path value) {
            testFile = value;
            return this;
        }

        public Builder trainLabels(Path value) {
            trainLabels = value;
            return this;
        }

        public Builder testLabels(Path value) {
            testLabels = value;
            return this;
        }

        public Builder classes(Integer value) {
            classes = value;
            return this;
        }

        public Builder imbalance(double value) {
            imbalance = value;
            return this;
        }

        public Builder profile(String value) {
            profile = value;
            return this;
        }

        public Builder maxPerClass(int value) {
            maxPerClass = value;
            return this;
        }

        public Builder subsetSeed(long value) {
            subsetSeed = value;
            return this;
        }

        public Builder noise(double value) {
            noise = value;
            return this;
        }

        public Builder noiseType(String value) {
            noiseType = value;
            return this;
        }

        public Builder noiseSeed(Long value) {
            noiseSeed = value;
            return this;
        }

        public Builder labelColumn(String value) {
            labelColumn = value;
            return this;
        }

        public Builder delimiter(String value) {
            delimiter = value;
            return this;
        }

        public Builder categorical(List<String> value) {
            categorical = new ArrayList<>(value);
            return this;
        }

        public Builder testFraction(double value) {
            testFraction = value;
            return this;
        }

        public Builder imageSize(int value) {
            imageSize = value;
            return this;
        }

        public Builder labelKind(String value) {
            labelKind = value;
            return this;
        }

        public Builder cropPadding(Integer value) {
            cropPadding = value;
            return this;
        }

        /** The fraction of each class held out of training for validation; 0 for none. */
        public Builder valFraction(double value) {
            valFraction = value;
            return this;
        }

        /** A validation file (csv, arff, imagelist) in the training file's format; null for none. */
        public Builder valFile(Path value) {
            valFile = value;
            return this;
        }

        /** imagelist, imagefolder: on (decode batch by batch), off (decode up front) or auto (by size). */
        public Builder stream(String value) {
            stream = value;
            return this;
        }

        public DataSpec build() {
            return new DataSpec(dataset, dataDir, trainFile, testFile, trainLabels, testLabels, classes, imbalance, profile,
                    maxPerClass, subsetSeed, noise, noiseType, noiseSeed, labelColumn, delimiter, categorical, testFraction, imageSize,
                    labelKind, cropPadding, valFraction, valFile, stream);
        }
    }
}
