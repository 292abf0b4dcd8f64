package io.github.absgd.model;

import ai.djl.ndarray.types.Shape;
import io.github.absgd.util.AbsgdException;
import java.util.List;

/**
 * What a model must fit: the shape of one input sample (channels, height, width for images, or the
 * number of features for tabular data), the number of classes, and the options some architectures
 * read (cosine head, MLP hidden sizes, dropout, batch normalisation).
 *
 * <p>Plain values only, so a checkpoint can store the spec and refuse one from another model.
 *
 * @param inputShape one sample's shape without the batch axis, e.g. [1, 28, 28] or [54]
 * @param classes number of classes (the width of the logits)
 * @param cosineHead true for the normalised (cosine) classifier that LDAM uses
 * @param hiddenSizes MLP hidden layer widths, first to last
 * @param dropout MLP dropout rate after each hidden layer, 0 for none
 * @param batchNorm MLP batch normalisation after each hidden linear layer
 */
public record ModelSpec(
        List<Long> inputShape,
        int classes,
        boolean cosineHead,
        List<Integer> hiddenSizes,
        float dropout,
        boolean batchNorm) {

    /** The MLP hidden sizes used when none are given. */
    public static final List<Integer> DEFAULT_HIDDEN_SIZES = List.of(256, 128);

    public ModelSpec {
        inputShape = List.copyOf(inputShape);
        hiddenSizes = List.copyOf(hiddenSizes);
        if (inputShape.isEmpty() || inputShape.stream().anyMatch(d -> d <= 0)) {
            throw new AbsgdException("input shape must have positive sizes, got " + inputShape);
        }
        if (classes < 2) {
            throw new AbsgdException("a classifier needs at least 2 classes, got " + classes);
        }
        if (hiddenSizes.stream().anyMatch(h -> h <= 0)) {
            throw new AbsgdException("hidden sizes must be positive, got " + hiddenSizes);
        }
        if (!(dropout >= 0f && dropout < 1f)) {
            throw new AbsgdException("dropout must be in [0, 1), got " + dropout);
        }
    }

    /** An image spec (channels x height x width) with a linear head and the default MLP options. */
    public static ModelSpec image(long channels, long height, long width, int classes) {
        return new ModelSpec(List.of(channels, height, width), classes, false, DEFAULT_HIDDEN_SIZES, 0f, true);
    }

    /** A tabular spec (a vector of features) with a linear head and the default MLP options. */
    public static ModelSpec tabular(long features, int classes) {
        return new ModelSpec(List.of(features), classes, false, DEFAULT_HIDDEN_SIZES, 0f, true);
    }

    public ModelSpec withCosineHead(boolean cosine) {
        return new ModelSpec(inputShape, classes, cosine, hiddenSizes, dropout, batchNorm);
    }

    public ModelSpec withHiddenSizes(List<Integer> sizes) {
        return new ModelSpec(inputShape, classes, cosineHead, sizes, dropout, batchNorm);
    }

    public ModelSpec withDropout(float rate) {
        return new ModelSpec(inputShape, classes, cosineHead, hiddenSizes, rate, batchNorm);
    }

    public ModelSpec withBatchNorm(boolean enabled) {
        return new ModelSpec(inputShape, classes, cosineHead, hiddenSizes, dropout, enabled);
    }

    /** The DJL shape of a batch of {@code batchSize} samples. */
    public Shape batchShape(long batchSize) {
        long[] dims = new long[inputShape.size() + 1];
        dims[0] = batchSize;
        for (int i = 0; i < inputShape.size(); i++) {
            dims[i + 1] = inputShape.get(i);
        }
        return new Shape(dims);
    }

    /** True when the sample is an image (channels, height, width). */
    public boolean isImage() {
        return inputShape.size() == 3;
    }

    /** Throws a {@link AbsgdException} unless the sample is an image; {@code model} names the asker. */
    void requireImage(String model) {
        if (!isImage()) {
            throw new AbsgdException(
                    "model " + model + " needs image input (channels, height, width), got shape " + inputShape);
        }
    }

    long channels() {
        return inputShape.get(0);
    }

    long height() {
        return inputShape.get(1);
    }

    long width() {
        return inputShape.get(2);
    }
}
