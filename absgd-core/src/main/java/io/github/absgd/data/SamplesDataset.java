package io.github.absgd.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.DataIterable;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.training.dataset.Sampler;
import ai.djl.translate.Batchifier;
import ai.djl.util.Progress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Our {@link Samples} as a DJL {@link RandomAccessDataset}, for DJL code such as {@code
 * EasyTrain.fit} and {@code trainer.iterateDataset}: a record is one sample's input (float32) and
 * its observed label (an int64 scalar); a batch is the input batch and the label vector (shape (b)).
 *
 * <pre>{@code
 * RandomAccessDataset train = SamplesDataset.builder(bundle.train()).setSampling(128, true).optAugment(true).build();
 * }</pre>
 *
 * <p>With the default stacking batchifiers a batch is assembled in one {@link Samples#batch} call,
 * as our trainer does (any pipeline of transforms then applies to the whole batch); with others,
 * record by record. Augmentation, when asked ({@link Builder#optAugment}), is the samples' own,
 * seeded per batch from the builder's seed, the number of the pass over the data set and the
 * batch's position in it: the same sampler order gives the same batches again.
 */
public final class SamplesDataset extends RandomAccessDataset {

    private final Samples samples;
    private final boolean augment;
    private final long seed;
    private final AtomicLong passes = new AtomicLong();

    private SamplesDataset(Builder builder) {
        super(builder);
        this.samples = builder.samples;
        this.augment = builder.augment;
        this.seed = builder.seed;
    }

    /** A builder over {@code samples}; set the sampling (batch size, shuffle) as for any DJL data set. */
    public static Builder builder(Samples samples) {
        return new Builder(samples);
    }

    /** The wrapped samples. */
    public Samples samples() {
        return samples;
    }

    /** Sample {@code index}: its input without the batch axis and its label as a scalar. */
    @Override
    public Record get(NDManager manager, long index) {
        int i = Math.toIntExact(index);
        NDList one = samples.batch(manager, new int[] {i}, augment, mix(seed, -1, index));
        NDArray x = one.get(0).squeeze(0);
        NDArray y = one.get(1).squeeze(0);
        return new Record(new NDList(x), new NDList(y));
    }

    @Override
    protected long availableSize() {
        return samples.size();
    }

    @Override
    public void prepare(Progress progress) {
        // the samples are ready
    }

    @Override
    public Iterable<Batch> getData(NDManager manager, Sampler sampler, ExecutorService executorService) {
        if (dataBatchifier != Batchifier.STACK || labelBatchifier != Batchifier.STACK) {
            return new DataIterable(this, manager, sampler, dataBatchifier, labelBatchifier, pipeline, targetPipeline,
                    executorService, prefetchNumber, device);
        }
        return new WholeBatches(manager, sampler, executorService, passes.getAndIncrement());
    }

    private static long mix(long seed, long pass, long position) {
        long h = seed * 0x9E3779B97F4A7C15L + pass;
        h = h * 0xBF58476D1CE4E5B9L + position;
        return h ^ (h >>> 31);
    }

    /** DJL's iteration with each batch made by one {@link Samples#batch} call. */
    private final class WholeBatches extends DataIterable {
        private final long pass;

        WholeBatches(NDManager manager, Sampler sampler, ExecutorService executor, long pass) {
            super(SamplesDataset.this, manager, sampler, SamplesDataset.this.dataBatchifier, SamplesDataset.this.labelBatchifier,
                    SamplesDataset.this.pipeline, SamplesDataset.this.targetPipeline, executor, SamplesDataset.this.prefetchNumber,
                    SamplesDataset.this.device);
            this.pass = pass;
        }

        @Override
        protected Batch fetch(List<Long> indices, int progress) {
            NDManager batchManager = manager.newSubManager();
            batchManager.setName("samplesDataset fetch");
            int[] wanted = indices.stream().mapToInt(Math::toIntExact).toArray();
            NDList both = samples.batch(batchManager, wanted, augment, mix(seed, pass, progress));
            NDList data = new NDList(both.get(0));
            NDList labels = new NDList(both.get(1));
            if (pipeline != null) {
                data = pipeline.transform(data);
            }
            if (targetPipeline != null) {
                labels = targetPipeline.transform(labels);
            }
            if (device != null) {
                data = data.toDevice(device, false);
                labels = labels.toDevice(device, false);
            }
            return new Batch(batchManager, data, labels, wanted.length, dataBatchifier, labelBatchifier, progress,
                    samples.size(), indices);
        }
    }

    /** Builds a {@link SamplesDataset}; the sampling must be set, as for every DJL data set. */
    public static final class Builder extends BaseBuilder<Builder> {
        private final Samples samples;
        private boolean augment;
        private long seed;

        private Builder(Samples samples) {
            this.samples = Objects.requireNonNull(samples, "samples");
        }

        /** Whether batches are augmented by the samples' own augmentation (default: no). */
        public Builder optAugment(boolean augment) {
            this.augment = augment;
            return this;
        }

        /** The seed the augmentation's per-batch seeds derive from (default 0). */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        public SamplesDataset build() {
            return new SamplesDataset(this);
        }

        @Override
        protected Builder self() {
            return this;
        }
    }
}
