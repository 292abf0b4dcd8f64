package io.github.absgd.data;

import io.github.absgd.util.InvalidSettingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The single entry point from options to data: reads the data set named by {@link DataSpec},
 * draws the long-tailed training subset, adds label noise, decides whether image files stay streamed
 * ({@link ImageStreaming}) and settles the normalisation.
 */
public final class DataLoader {

    static final Path DEBIAN_DATASETS = Path.of("/usr/share/datasets");

    static final List<String> FASHION_MNIST_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
            "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    static final List<String> MNIST_CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    private DataLoader() {}

    /** Reads, subsets and corrupts the data as the options say. */
    public static TrainTestData load(DataSpec options) {
        DatasetKind kind = DatasetKind.parse(options.dataset());
        // check the cheap things first, so a typo does not cost a read of the data
        LongTail.checkRatio(options.imbalance());
        LongTail.Profile profile = LongTail.Profile.parse(options.profile());
        LabelNoise.checkRate(options.noise());
        NoiseType noiseType = NoiseType.parse(options.noiseType());
        CifarReader.LabelKind labelKind = parseLabelKind(options.labelKind());
        checkClasses(kind, labelKind, options.classes());
        CsvTable.parseDelimiter(options.delimiter());
        checkValidationFile(kind, options);
        ImageStreaming streaming = ImageStreaming.parse(options.stream(), kind);
        int[] asymmetricMap = options.noise() > 0 && noiseType == NoiseType.ASYM ? asymmetricMap(kind, labelKind) : null;

        DataSplit split = read(kind, options, labelKind);
        String source = describe(kind, options);
        LabeledData train = LongTail.apply(split.train(), options.imbalance(), profile, options.maxPerClass(),
                options.subsetSeed(), source);
        long noiseSeed = options.noiseSeed() != null ? options.noiseSeed() : options.subsetSeed();
        train = LabelNoise.apply(train, noiseType, options.noise(), asymmetricMap, noiseSeed);
        LabeledData validation = split.validation();
        if (options.valFraction() != 0) {
            ValidationSplit.Parts parts = ValidationSplit.carve(train, options.valFraction(), options.subsetSeed());
            train = parts.train();
            validation = parts.validation();
        }
        LabeledData test = split.test();
        // image files are indexed, not decoded, until here: only the images of the subset are ever decoded
        if (train.isStreamed() && !streaming.streams(train, test, validation)) {
            train = train.decoded();
            test = test.decoded();
            validation = validation == null ? null : validation.decoded();
        }
        Normalization published = Normalization.published(kind);
        Normalization normalization = published != null ? published : Normalization.measure(train);
        int padding = options.cropPadding() != null ? options.cropPadding()
                : (kind == DatasetKind.FASHION_MNIST || kind == DatasetKind.MNIST || kind == DatasetKind.IDX ? 2 : 4);
        if (padding < 0) {
            throw new InvalidSettingException("crop-padding", "must be at least 0, got " + padding);
        }
        return new TrainTestData(kind, train, test, validation, normalization, padding);
    }

    /** Reads the train and test sets as stored. */
    static DataSplit read(DatasetKind kind, DataSpec options, CifarReader.LabelKind labelKind) {
        return switch (kind) {
            case FASHION_MNIST -> readIdx(defaultDir(options, "fashion-mnist"), options, 10, FASHION_MNIST_CLASSES);
            case MNIST -> readIdx(defaultDir(options, "mnist"), options, 10, MNIST_CLASSES);
            case IDX -> readIdx(options.dataDir(), options, options.classes() != null ? options.classes() : 0, null);
            case CIFAR10 -> readCifar10(requireDataDir(options, kind));
            case CIFAR100 -> readCifar100(requireDataDir(options, kind), labelKind);
            case IMAGELIST -> readImageList(options);
            case IMAGEFOLDER -> readImageFolder(requireDataDir(options, kind), options);
            case CSV -> CsvReader.read(resolve(options.dataDir(), required(options.trainFile(), "train-file", kind)),
                    optional(options.dataDir(), options.testFile()), optional(options.dataDir(), options.valFile()), options.labelColumn(),
                    new LinkedHashSet<>(options.categorical()), options.testFraction(), options.subsetSeed(),
                    CsvTable.parseDelimiter(options.delimiter()), options.classes());
            case ARFF -> readArff(options);
        };
    }

    private static DataSplit readArff(DataSpec options) {
        if (options.delimiter() != null) {
            throw new InvalidSettingException("delimiter", "is for csv; ARFF values are separated by commas (leave it out)");
        }
        return ArffReader.read(resolve(options.dataDir(), required(options.trainFile(), "train-file", DatasetKind.ARFF)),
                optional(options.dataDir(), options.testFile()), optional(options.dataDir(), options.valFile()),
                options.labelColumn(), new LinkedHashSet<>(options.categorical()), options.testFraction(), options.subsetSeed(),
                options.classes());
    }

    /** A validation file is read for the formats that name their files, and replaces the carved validation set. */
    private static void checkValidationFile(DatasetKind kind, DataSpec options) {
        if (options.valFile() == null) {
            return;
        }
        if (kind != DatasetKind.CSV && kind != DatasetKind.ARFF && kind != DatasetKind.IMAGELIST) {
            throw new InvalidSettingException("val-file", "is read for csv, arff and imagelist data; for " + kind
                    + " carve the validation set from the training set with `val-fraction`");
        }
        if (options.valFraction() != 0) {
            throw new InvalidSettingException("val-file", "and `val-fraction` both give a validation set; give one of them");
        }
    }

    /** The setting {@code classes}: in range, and for a data set with a fixed number of classes that number. */
    private static void checkClasses(DatasetKind kind, CifarReader.LabelKind labelKind, Integer classes) {
        ClassIndices.check(classes);
        int fixed = switch (kind) {
            case FASHION_MNIST, MNIST, CIFAR10 -> 10;
            case CIFAR100 -> labelKind == CifarReader.LabelKind.FINE ? 100 : 20;
            default -> 0;
        };
        if (classes != null && fixed > 0 && classes != fixed) {
            throw new InvalidSettingException("classes", "must be " + fixed + " for " + kind + (kind == DatasetKind.CIFAR100
                    ? " with " + labelKind.name().toLowerCase(java.util.Locale.ROOT) + " labels" : "") + " (it has " + fixed
                    + " classes), got " + classes);
        }
    }

    private static DataSplit readIdx(Path dir, DataSpec options, int numClasses, List<String> names) {
        Path trainImages = options.trainFile() != null ? resolve(dir, options.trainFile())
                : findIdx(dir, "train-images-idx3-ubyte", "train-images.idx3-ubyte");
        Path trainLabels = options.trainLabels() != null ? resolve(dir, options.trainLabels())
                : findIdx(dirOf(trainImages, dir), "train-labels-idx1-ubyte", "train-labels.idx1-ubyte");
        Path testImages = options.testFile() != null ? resolve(dir, options.testFile())
                : findIdx(dir, "t10k-images-idx3-ubyte", "t10k-images.idx3-ubyte");
        Path testLabels = options.testLabels() != null ? resolve(dir, options.testLabels())
                : findIdx(dirOf(testImages, dir), "t10k-labels-idx1-ubyte", "t10k-labels.idx1-ubyte");
        LabeledData train = IdxReader.read(trainImages, trainLabels, numClasses, names);
        LabeledData test = IdxReader.read(testImages, testLabels, train.numClasses(), names);
        int[] trainShape = train.sampleShape();
        int[] testShape = test.sampleShape();
        if (trainShape[1] != testShape[1] || trainShape[2] != testShape[2]) {
            throw BadDataException.inFile(testImages, "images are " + testShape[1] + "x" + testShape[2]
                    + " (rows x columns), the training images (" + trainImages + ") are " + trainShape[1] + "x" + trainShape[2]);
        }
        return new DataSplit(train, test);
    }

    private static DataSplit readCifar10(Path dir) {
        List<Path> trainFiles = new ArrayList<>();
        for (int b = 1; b <= 5; b++) {
            trainFiles.add(dir.resolve("data_batch_" + b + ".bin"));
        }
        List<String> names = CifarReader.readClassNames(dir.resolve("batches.meta.txt"), 10);
        return new DataSplit(CifarReader.readCifar10(trainFiles, names),
                CifarReader.readCifar10(List.of(dir.resolve("test_batch.bin")), names));
    }

    private static DataSplit readCifar100(Path dir, CifarReader.LabelKind labelKind) {
        List<String> names = labelKind == CifarReader.LabelKind.FINE
                ? CifarReader.readClassNames(dir.resolve("fine_label_names.txt"), 100)
                : CifarReader.readClassNames(dir.resolve("coarse_label_names.txt"), 20);
        return new DataSplit(CifarReader.readCifar100(dir.resolve("train.bin"), labelKind, names),
                CifarReader.readCifar100(dir.resolve("test.bin"), labelKind, names));
    }

    private static DataSplit readImageList(DataSpec options) {
        Path root = requireDataDir(options, DatasetKind.IMAGELIST);
        Path trainList = resolve(root, required(options.trainFile(), "train-file", DatasetKind.IMAGELIST));
        Path testList = resolve(root, required(options.testFile(), "test-file", DatasetKind.IMAGELIST));
        LabeledData train = ImageListReader.index(trainList, root, options.imageSize(),
                options.classes() != null ? options.classes() : 0);
        LabeledData validation = options.valFile() == null ? null
                : ImageListReader.index(resolve(root, options.valFile()), root, options.imageSize(), train.numClasses());
        return new DataSplit(train, ImageListReader.index(testList, root, options.imageSize(), train.numClasses()), validation);
    }

    private static DataSplit readImageFolder(Path root, DataSpec options) {
        Path trainDir = BadDataException.requireDirectory(root.resolve("train"));
        Path testDir = Files.isDirectory(root.resolve("test")) ? root.resolve("test") : root.resolve("val");
        if (!Files.isDirectory(testDir)) {
            throw BadDataException.inFile(root, "has no test/ or val/ folder");
        }
        List<String> classes = ImageFolderReader.classNames(trainDir);
        if (options.classes() != null && options.classes() != classes.size()) {
            throw new InvalidSettingException("classes", "must be " + classes.size() + " for imagefolder here (the class "
                    + "folders of " + trainDir + "), got " + options.classes());
        }
        return new DataSplit(ImageFolderReader.index(trainDir, classes, options.imageSize(), true),
                ImageFolderReader.index(testDir, classes, options.imageSize(), false));
    }

    static int[] asymmetricMap(DatasetKind kind, CifarReader.LabelKind labelKind) {
        return switch (kind) {
            case CIFAR10 -> AsymmetricNoiseMaps.cifar10();
            case CIFAR100 -> {
                if (labelKind != CifarReader.LabelKind.FINE) {
                    throw new InvalidSettingException("noise-type", "asym needs the fine labels of cifar100 (no map for coarse)");
                }
                yield AsymmetricNoiseMaps.cifar100();
            }
            case FASHION_MNIST -> AsymmetricNoiseMaps.fashionMnist();
            default -> throw new InvalidSettingException("noise-type", "asym has a class map for cifar10, cifar100 and "
                    + "fashion-mnist only, not for " + kind);
        };
    }

    private static CifarReader.LabelKind parseLabelKind(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "fine" -> CifarReader.LabelKind.FINE;
            case "coarse" -> CifarReader.LabelKind.COARSE;
            default -> throw new InvalidSettingException("label-kind", "must be fine or coarse, got '" + text + "'");
        };
    }

    private static Path defaultDir(DataSpec options, String name) {
        Path dir = options.dataDir() != null ? options.dataDir() : DEBIAN_DATASETS.resolve(name);
        if (!Files.isDirectory(dir)) {
            throw BadDataException.inFile(dir, "no such directory" + (options.dataDir() == null
                    ? " (install Debian's dataset-" + name + " package or give `data-dir`)" : ""));
        }
        return dir;
    }

    private static Path requireDataDir(DataSpec options, DatasetKind kind) {
        return BadDataException.requireDirectory(required(options.dataDir(), "data-dir", kind));
    }

    private static Path required(Path value, String option, DatasetKind kind) {
        if (value == null) {
            throw new InvalidSettingException("dataset", kind + " needs `" + option + "`");
        }
        return value;
    }

    /** The path as given if it exists or no directory is set, else relative to the directory. */
    private static Path optional(Path dir, Path file) {
        return file == null ? null : resolve(dir, file);
    }

    private static Path resolve(Path dir, Path file) {
        if (dir == null || file.isAbsolute() || Files.exists(file)) {
            return file;
        }
        return dir.resolve(file);
    }

    private static Path dirOf(Path file, Path fallback) {
        Path parent = file.toAbsolutePath().getParent();
        return parent != null ? parent : fallback;
    }

    /** The gzip'd or plain IDX file of one of the usual names in dir. */
    private static Path findIdx(Path dir, String... names) {
        if (dir == null) {
            throw new InvalidSettingException("dataset", "idx needs `data-dir`, or `train-file` and `test-file`");
        }
        BadDataException.requireDirectory(dir);
        for (String name : names) {
            for (String candidate : List.of(name + ".gz", name)) {
                if (Files.isRegularFile(dir.resolve(candidate))) {
                    return dir.resolve(candidate);
                }
            }
        }
        throw BadDataException.inFile(dir.resolve(names[0] + ".gz"), "no such file (nor " + names[0] + ")");
    }

    private static String describe(DatasetKind kind, DataSpec options) {
        return options.dataDir() != null ? kind + " in " + options.dataDir() : kind.toString();
    }
}
