package io.github.absgd.data;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Images per second of the training augmentation + batching path (pad 2, random 28x28 crop, flip,
 * normalisation, int64 labels) on Fashion-MNIST-sized data, batches of 128, one intra-op thread.
 * Not a test: run {@code main} (e.g. via the test classpath) and read the printed figure.
 */
public final class AugmentationBenchmark {

    private AugmentationBenchmark() {}

    public static void main(String[] args) {
        // one core, as the acceptance criterion says; must be set before the engine loads
        System.setProperty("ai.djl.pytorch.num_threads", "1");
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 14886;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        byte[] pixels = new byte[n * 28 * 28];
        new Random(1).nextBytes(pixels);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
        }
        LabeledData data = LabeledData.ofImages(1, 28, 28, pixels, labels, 10, null);
        Normalization norm = Normalization.published(DatasetKind.FASHION_MNIST);
        try (NDManager manager = NDManager.newBaseManager(); Batcher batcher = new ImageBatcher(data, norm, 2, manager)) {
            Random rng = new Random(0);
            run(manager, batcher, EpochOrder.batches(n, 128, 0, 0), rng); // warm-up
            long images = 0;
            long start = System.nanoTime();
            for (int epoch = 1; epoch <= epochs; epoch++) {
                images += run(manager, batcher, EpochOrder.batches(n, 128, 0, epoch), rng);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "augmentation + batching: %d images (28x28, batch 128) in %.2f s = %.0f images/s%n",
                    images, seconds, images / seconds);
        }
    }

    private static long run(NDManager manager, Batcher batcher, List<int[]> batches, Random rng) {
        long images = 0;
        for (int[] batch : batches) {
            try (NDManager step = manager.newSubManager()) {
                NDList xy = batcher.batch(step, batch, true, rng);
                images += xy.get(0).getShape().get(0);
            }
        }
        return images;
    }
}
