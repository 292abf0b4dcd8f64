package io.github.absgd.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.BatchSampler;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Sampler;
import ai.djl.training.dataset.SequenceSampler;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Any DJL {@link RandomAccessDataset} as our {@link Samples}, so that {@code TrainingRun} and a
 * {@link DataBundle} accept it: records of one feature array and a label that is an integer class
 * index (a scalar or a one-element array, of any numeric type).
 *
 * <p>The labels are read once, on the host, when the adapter is made (a pass over the data set
 * through DJL's own iteration). A batch is fetched the way DJL's iteration fetches it: the records
 * at the indices, through the data set's pipeline of transforms and its batchifier, then made
 * float32 and moved to the caller's manager; its labels are the host labels as int64. Augmentation
 * is the data set's own business (its pipeline): {@code batch} ignores its {@code augment} flag and
 * {@code seed}, so with a random transform in the pipeline the same indices need not give the same
 * batch. There is no label noise: {@link #trueLabels()} are the labels.
 */
public final class DjlSamples implements Samples {

    private static final int LABEL_READ_BATCH = 256;

    private final RandomAccessDataset dataset;
    private final String name;
    private final int[] labels;

    private DjlSamples(RandomAccessDataset dataset, String name) {
        this.dataset = dataset;
        this.name = name;
        this.labels = readLabels();
    }

    /** Wraps {@code dataset}; its labels are read now. */
    public static DjlSamples of(RandomAccessDataset dataset) {
        return of(dataset, "DJL dataset " + dataset.getClass().getSimpleName());
    }

    /** Wraps {@code dataset}, naming it {@code name} in error messages; its labels are read now. */
    public static DjlSamples of(RandomAccessDataset dataset, String name) {
        return new DjlSamples(dataset, name);
    }

    /**
     * Training and test data sets as a {@link DataBundle} of {@code numClasses} classes: the
     * per-class training counts are counted from the training labels, the input shape is read from
     * the first training sample; classes numbered (no names), no validation set.
     */
    public static DataBundle bundle(RandomAccessDataset train, RandomAccessDataset test, int numClasses) {
        DjlSamples trainSamples = of(train, "the DJL training dataset");
        DjlSamples testSamples = of(test, "the DJL test dataset");
        long[] counts = trainSamples.classCounts(numClasses);
        testSamples.classCounts(numClasses); // the same label check on the test set
        return new DataBundle(trainSamples, testSamples, numClasses, counts, counts.clone(), trainSamples.inputShape(), null);
    }

    /** The wrapped data set. */
    public RandomAccessDataset dataset() {
        return dataset;
    }

    /** How many samples each of the {@code numClasses} classes has; a label at or above it is refused. */
    public long[] classCounts(int numClasses) {
        long[] counts = new long[numClasses];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= numClasses) {
                throw new BadDataException(name + ": sample " + i + " has label " + labels[i] + ", but there are only "
                        + numClasses + " classes");
            }
            counts[labels[i]]++;
        }
        return counts;
    }

    /** The shape of one input (without the batch axis), as the data set's first sample has it. */
    public List<Long> inputShape() {
        if (labels.length == 0) {
            throw new BadDataException(name + ": is empty");
        }
        try (NDManager scope = NDManager.newBaseManager()) {
            long[] shape = batch(scope, new int[] {0}, false, 0).head().getShape().getShape();
            List<Long> result = new ArrayList<>();
            for (int d = 1; d < shape.length; d++) {
                result.add(shape[d]);
            }
            return result;
        }
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    @Override
    public int[] trueLabels() {
        return labels();
    }

    /** The records at {@code indices}, stacked; {@code augment} and {@code seed} are ignored (see the class comment). */
    @Override
    public NDList batch(NDManager manager, int[] indices, boolean augment, long seed) {
        List<Long> wanted = new ArrayList<>(indices.length);
        for (int index : indices) {
            if (index < 0 || index >= labels.length) {
                throw new IndexOutOfBoundsException("index " + index + " outside " + name + " of " + labels.length + " samples");
            }
            wanted.add((long) index);
        }
        try (NDManager scope = manager.newSubManager()) {
            NDList data;
            try (Batch batch = fetch(scope, oneBatch(wanted))) {
                data = batch.getData();
                if (data.size() != 1) {
                    throw new BadDataException(name + ": a record has " + data.size() + " feature arrays, expected one");
                }
                NDArray x = data.head().toDevice(manager.getDevice(), false).toType(DataType.FLOAT32, false);
                x.attach(manager);
                long[] y = new long[indices.length];
                for (int i = 0; i < indices.length; i++) {
                    y[i] = labels[indices[i]];
                }
                return new NDList(x, manager.create(y));
            }
        }
    }

    private int[] readLabels() {
        long size = dataset.size();
        if (size > Integer.MAX_VALUE) {
            throw new BadDataException(name + ": has " + size + " samples, more than this library holds");
        }
        int[] result = new int[(int) size];
        int read = 0;
        try (NDManager scope = NDManager.newBaseManager()) {
            Iterator<Batch> batches = iterate(scope, new BatchSampler(new SequenceSampler(), LABEL_READ_BATCH, false));
            while (batches.hasNext()) {
                try (Batch batch = batches.next()) {
                    NDList y = batch.getLabels();
                    if (y.size() != 1 || y.head().size() != batch.getSize()) {
                        throw new BadDataException(name + ": sample " + read + " has no single integer label (its labels: "
                                + y.getShapes() + " for a batch of " + batch.getSize() + ")");
                    }
                    double[] values = y.head().toType(DataType.FLOAT64, false).toDoubleArray();
                    for (double value : values) {
                        if (!(value >= 0 && value <= Integer.MAX_VALUE && value == Math.rint(value))) {
                            throw new BadDataException(name + ": sample " + read + " has label " + value
                                    + ", not a class index (an integer >= 0)");
                        }
                        result[read++] = (int) value;
                    }
                }
            }
        }
        if (read != result.length) {
            throw new BadDataException(name + ": iterating it gave " + read + " samples, its size is " + result.length);
        }
        return result;
    }

    private Batch fetch(NDManager scope, Sampler sampler) {
        return iterate(scope, sampler).next();
    }

    private Iterator<Batch> iterate(NDManager scope, Sampler sampler) {
        try {
            return dataset.getData(scope, sampler).iterator();
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": " + e.getMessage(), e);
        } catch (TranslateException e) {
            throw new BadDataException(name + ": " + e.getMessage(), e);
        }
    }

    /** A sampler giving exactly {@code indices}, in order, as one batch. */
    private static Sampler oneBatch(List<Long> indices) {
        return new Sampler() {
            @Override
            public Iterator<List<Long>> sample(RandomAccessDataset dataset) {
                return List.of(indices).iterator();
            }

            @Override
            public int getBatchSize() {
                return indices.size();
            }
        };
    }
}
