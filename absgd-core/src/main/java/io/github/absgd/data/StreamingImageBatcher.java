package io.github.absgd.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Image batches decoded from their files when needed ({@link LabeledData#isStreamed()} data): only the
 * paths and labels are held. A caller that {@linkplain #plan plans} its batches gets them decoded
 * ahead by a {@link DecodePool}, a few batches at a time; a batch asked for out of plan is decoded on
 * the caller's thread. Decoding is pure Java into padded 8-bit pixels; the crop, flip and
 * normalisation run on the caller's thread through {@link ImageAugmentation} with the caller's
 * random draws, as for images held in memory, so the batches are the same bit for bit. Plans are
 * per thread: runs trained side by side on one data set each read ahead their own batches.
 */
final class StreamingImageBatcher implements Batcher {

    private final ImageFiles files;
    private final int[] labels;
    private final NDManager manager;
    private final ImageAugmentation augmentation;
    private final DecodePool pool;
    private final int depth;
    private final Map<Thread, ReadAhead<byte[]>> plans = new ConcurrentHashMap<>();

    StreamingImageBatcher(LabeledData data, Normalization normalization, int cropPadding, NDManager parent) {
        if (!data.isStreamed()) {
            throw new IllegalArgumentException("StreamingImageBatcher needs streamed images");
        }
        this.files = data.files();
        this.labels = data.labels();
        this.manager = parent.newSubManager();
        this.augmentation = new ImageAugmentation(data.sampleShape(), normalization, cropPadding, manager);
        this.pool = new DecodePool();
        this.depth = pool.threads() + 2; // every thread busy, and the next batch ready when one is taken
    }

    /** The calling thread's next batches, in order; they start decoding now. Replaces its earlier plan. */
    @Override
    public void plan(List<int[]> batches) {
        dropPlan();
        if (!batches.isEmpty()) {
            plans.put(Thread.currentThread(), new ReadAhead<>(pool, batches, this::paddedPixels, depth));
        }
    }

    @Override
    public NDList batch(NDManager target, int[] indices, boolean augment, Random rng) {
        byte[] padded;
        try {
            padded = planned(indices);
            if (padded == null) {
                padded = paddedPixels(indices);
            }
        } catch (RuntimeException | Error e) {
            dropPlan(); // a failed run asks for nothing more: stop decoding for it
            throw e;
        }
        long[] batchLabels = new long[indices.length];
        for (int n = 0; n < indices.length; n++) {
            batchLabels[n] = labels[indices[n]];
        }
        int[] positions = new int[indices.length];
        Arrays.setAll(positions, n -> n);
        try (NDManager scratch = target.newSubManager()) {
            NDArray pixels = scratch.create(ByteBuffer.wrap(padded), new Shape(padded.length), DataType.UINT8);
            NDList batch = augmentation.batch(scratch, pixels, positions, batchLabels, augment, rng);
            batch.attach(target);
            return batch;
        }
    }

    @Override
    public int size() {
        return files.size();
    }

    /** Drops every plan and ends the decoding threads. */
    @Override
    public void close() {
        plans.values().forEach(ReadAhead::cancel);
        plans.clear();
        pool.close();
        manager.close();
    }

    /** The planned result for {@code indices}, or null when they are not the next planned batch (the plan is dropped then). */
    private byte[] planned(int[] indices) {
        ReadAhead<byte[]> plan = plans.get(Thread.currentThread());
        if (plan == null) {
            return null;
        }
        if (!plan.isNext(indices)) {
            dropPlan();
            return null;
        }
        byte[] result = plan.next();
        if (plan.isDone()) {
            plans.remove(Thread.currentThread());
        }
        return result;
    }

    private void dropPlan() {
        ReadAhead<byte[]> old = plans.remove(Thread.currentThread());
        if (old != null) {
            old.cancel();
        }
    }

    /** The images at {@code indices}, decoded and padded for the crop: runs on a decoding thread when planned. */
    private byte[] paddedPixels(int[] indices) {
        return augmentation.padded(files.decode(indices), indices.length);
    }
}
