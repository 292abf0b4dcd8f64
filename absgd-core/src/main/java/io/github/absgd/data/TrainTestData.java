package io.github.absgd.data;

import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.List;

/**
 * What a training run needs from the data: the training set as trained on (after the long-tail
 * subset and label noise; {@link LabeledData#trueLabels()} keeps the clean labels), the untouched
 * test set, the normalisation and the crop padding of the augmentation.
 *
 * @param kind the data set or format read
 * @param train training set after long tail and noise
 * @param test test set, as read
 * @param validation validation set carved from the training set, or null (see {@link ValidationSplit})
 * @param normalization per-channel (images) or per-feature (tabular) statistics
 * @param cropPadding padding of the pad-and-random-crop augmentation (images)
 */
public record TrainTestData(DatasetKind kind, LabeledData train, LabeledData test, LabeledData validation,
        Normalization normalization, int cropPadding) {

    public int numClasses() {
        return train.numClasses();
    }

    /** Class names, or "0", "1", ... when the source does not name its classes. */
    public List<String> classNames() {
        if (train.classNames() != null) {
            return train.classNames();
        }
        return java.util.stream.IntStream.range(0, numClasses()).mapToObj(Integer::toString).toList();
    }

    /** Per-class training counts on the true labels: the class sizes of the long-tailed subset. */
    public int[] trainCounts() {
        return train.trueClassCounts();
    }

    /** Per-class training counts on the observed (noisy) labels. */
    public int[] noisyTrainCounts() {
        return train.observedClassCounts();
    }

    /** many / medium / few classes by training count. */
    public ClassGroups groups() {
        return ClassGroups.of(trainCounts());
    }

    /** Largest class count over the smallest non-empty one (true labels); NaN if there is no sample. */
    public double imbalanceRatio() {
        int[] counts = trainCounts();
        int max = Arrays.stream(counts).max().orElse(0);
        int min = Arrays.stream(counts).filter(c -> c > 0).min().orElse(0);
        return min == 0 ? Double.NaN : (double) max / min;
    }

    /** Batches of the training set (augment them with {@code augment = true}). Close after use. */
    public Batcher trainBatcher(NDManager manager) {
        return Batcher.of(train, normalization, cropPadding, manager);
    }

    /** Batches of the test set, normalised like the training set. Close after use. */
    public Batcher testBatcher(NDManager manager) {
        return Batcher.of(test, normalization, cropPadding, manager);
    }

    /** Batches of the validation set (null without one), normalised like the training set. Close after use. */
    public Batcher validationBatcher(NDManager manager) {
        return validation == null ? null : Batcher.of(validation, normalization, cropPadding, manager);
    }
}
