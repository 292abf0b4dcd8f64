package io.github.absgd.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A labelled data set: either 8-bit images of shape (C, H, W) held in memory as one {@code byte[]}
 * (sample after sample, channel-major), or image files to be decoded when they are needed (streamed:
 * only their paths are held, see {@link #isStreamed()}), or tabular rows of shape (F) stored as one
 * {@code float[]}. Each sample has an observed label ({@link #labels()}, possibly noisy) and its true
 * label ({@link #trueLabels()}); both are class indices in [0, numClasses). Instances are immutable
 * in practice: the arrays are shared, never modified after construction.
 */
public final class LabeledData {

    /** The most bytes of pixels one data set holds in memory: one Java array's. */
    static final long MAX_HELD_BYTES = Integer.MAX_VALUE - 8;

    private final int[] sampleShape;
    private final byte[] pixels;
    private final float[] features;
    private final ImageFiles files; // streamed images: their paths; null when the pixels are held
    private final int[] labels;
    private final int[] trueLabels;
    private final int numClasses;
    private final List<String> classNames;
    private final TabularEncoder encoder; // how CSV rows became these features; null for images and other sources

    private LabeledData(int[] sampleShape, byte[] pixels, float[] features, int[] labels, int[] trueLabels,
            int numClasses, List<String> classNames) {
        this(sampleShape, pixels, features, null, labels, trueLabels, numClasses, classNames, null);
    }

    private LabeledData(int[] sampleShape, byte[] pixels, float[] features, ImageFiles files, int[] labels, int[] trueLabels,
            int numClasses, List<String> classNames, TabularEncoder encoder) {
        this.encoder = encoder;
        this.sampleShape = sampleShape.clone();
        this.pixels = pixels;
        this.features = features;
        this.files = files;
        this.labels = Objects.requireNonNull(labels);
        this.trueLabels = Objects.requireNonNull(trueLabels);
        this.numClasses = numClasses;
        this.classNames = classNames == null ? null : List.copyOf(classNames);
        long expected = (long) labels.length * sampleSize();
        long stored = pixels != null ? pixels.length : features != null ? features.length : (long) files.size() * files.sampleSize();
        if (stored != expected || trueLabels.length != labels.length) {
            throw new IllegalArgumentException("storage of " + stored + " values does not match "
                    + labels.length + " samples of shape " + Arrays.toString(sampleShape));
        }
        if (classNames != null && classNames.size() != numClasses) {
            throw new IllegalArgumentException(classNames.size() + " class names for " + numClasses + " classes");
        }
    }

    /** Images of shape (channels, height, width), 8 bits per value; labels are clean. */
    public static LabeledData ofImages(int channels, int height, int width, byte[] pixels, int[] labels,
            int numClasses, List<String> classNames) {
        return new LabeledData(new int[] {channels, height, width}, pixels, null, labels, labels.clone(),
                numClasses, classNames);
    }

    /** Image files decoded when needed to 3 x size x size RGB (see {@link #isStreamed()}); labels are clean. */
    static LabeledData ofImageFiles(ImageFiles files, int[] labels, int numClasses, List<String> classNames) {
        int size = files.imageSize();
        return new LabeledData(new int[] {3, size, size}, null, null, files, labels, labels.clone(), numClasses, classNames, null);
    }

    /** Tabular rows of {@code numFeatures} floats; labels are clean. */
    public static LabeledData ofFeatures(int numFeatures, float[] features, int[] labels, int numClasses,
            List<String> classNames) {
        return new LabeledData(new int[] {numFeatures}, null, features, labels, labels.clone(), numClasses,
                classNames);
    }

    public int size() {
        return labels.length;
    }

    /** (C, H, W) for images, (F) for tabular data. */
    public int[] sampleShape() {
        return sampleShape.clone();
    }

    /** Number of stored values per sample. */
    public int sampleSize() {
        int n = 1;
        for (int d : sampleShape) {
            n *= d;
        }
        return n;
    }

    public boolean isImage() {
        return pixels != null || files != null;
    }

    /** Whether these are image files decoded batch by batch when needed, rather than pixels held in memory. */
    public boolean isStreamed() {
        return files != null;
    }

    /** The image files of streamed images (null otherwise). */
    ImageFiles files() {
        return files;
    }

    /** The same samples with their pixels in memory: streamed images decoded in order, anything else as it is. */
    public LabeledData decoded() {
        if (files == null) {
            return this;
        }
        if ((long) files.size() * files.sampleSize() > MAX_HELD_BYTES) {
            throw new IllegalStateException(files.size() + " images of " + files.sampleSize() + " bytes do not fit one array");
        }
        int[] all = new int[files.size()];
        Arrays.setAll(all, i -> i);
        return new LabeledData(sampleShape, files.decode(all), null, null, labels, trueLabels, numClasses, classNames, encoder);
    }

    /** The pixel store (read only; null for tabular data and streamed images). */
    public byte[] pixels() {
        return pixels;
    }

    /** The feature store (read only; null for images). */
    public float[] features() {
        return features;
    }

    /** Observed labels (after label noise), read only. */
    public int[] labels() {
        return labels;
    }

    /** True labels (before label noise), read only. */
    public int[] trueLabels() {
        return trueLabels;
    }

    public int numClasses() {
        return numClasses;
    }

    /** Class names in class-index order, or null when the source does not name its classes. */
    public List<String> classNames() {
        return classNames;
    }

    /** The samples at {@code indices}, in that order. */
    public LabeledData subset(int[] indices) {
        int step = sampleSize();
        int[] newLabels = new int[indices.length];
        int[] newTrue = new int[indices.length];
        byte[] newPixels = pixels == null ? null : new byte[indices.length * step];
        float[] newFeatures = features == null ? null : new float[indices.length * step];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            newLabels[k] = labels[i];
            newTrue[k] = trueLabels[i];
            if (pixels != null) {
                System.arraycopy(pixels, i * step, newPixels, k * step, step);
            } else if (features != null) {
                System.arraycopy(features, i * step, newFeatures, k * step, step);
            }
        }
        return new LabeledData(sampleShape, newPixels, newFeatures, files == null ? null : files.subset(indices), newLabels,
                newTrue, numClasses, classNames, encoder);
    }

    /** The same samples with new observed labels (true labels kept), e.g. after label noise. */
    public LabeledData withObservedLabels(int[] observed) {
        return new LabeledData(sampleShape, pixels, features, files, observed, trueLabels, numClasses, classNames, encoder);
    }

    /** The same samples, recording the encoder their features came from. */
    LabeledData withEncoder(TabularEncoder source) {
        return new LabeledData(sampleShape, pixels, features, files, labels, trueLabels, numClasses, classNames, source);
    }

    /** The encoder the features came from (CSV rows), or null. */
    TabularEncoder encoder() {
        return encoder;
    }

    /** Number of samples per class, counted on the true labels. */
    public int[] trueClassCounts() {
        return countPerClass(trueLabels, numClasses);
    }

    /** Number of samples per class, counted on the observed labels. */
    public int[] observedClassCounts() {
        return countPerClass(labels, numClasses);
    }

    static int[] countPerClass(int[] labels, int numClasses) {
        int[] counts = new int[numClasses];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }
}
