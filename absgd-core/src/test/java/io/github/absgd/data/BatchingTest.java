package io.github.absgd.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BatchingTest {

    private static NDManager manager;

    @BeforeAll
    static void engine() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void release() {
        manager.close();
    }

    /** 6 RGB images of 3 x 4 with distinct pixel values. */
    private static LabeledData images() {
        byte[] pixels = new byte[6 * 3 * 3 * 4];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i % 251);
        }
        return LabeledData.ofImages(3, 3, 4, pixels, new int[] {0, 1, 2, 0, 1, 2}, 3, null);
    }

    private static final Normalization NORM = new Normalization(new float[] {0.5f, 0.25f, 0f},
            new float[] {0.5f, 2f, 1f});

    @Test
    void withoutAugmentationABatchIsTheNormalisedPixels() {
        LabeledData data = images();
        try (Batcher batcher = new ImageBatcher(data, NORM, 2, manager); NDManager m = manager.newSubManager()) {
            NDList batch = batcher.batch(m, new int[] {4, 1}, false, new Random(0));
            assertEquals(new Shape(2, 3, 3, 4), batch.get(0).getShape());
            assertEquals(DataType.FLOAT32, batch.get(0).getDataType());
            assertEquals(DataType.INT64, batch.get(1).getDataType());
            assertArrayEquals(new long[] {1, 1}, batch.get(1).toLongArray());
            float[] x = batch.get(0).toFloatArray();
            for (int k = 0; k < x.length; k++) {
                int sample = k < 36 ? 4 : 1;
                int channel = (k % 36) / 12;
                float raw = (data.pixels()[sample * 36 + k % 36] & 0xff) / 255f;
                float expected = (raw - NORM.mean()[channel]) / NORM.std()[channel];
                assertEquals(expected, x[k], 1e-5, "value " + k);
            }
        }
    }

    @Test
    void augmentationCropsFromZeroPaddingAndFlips() {
        LabeledData data = images();
        Normalization identity = new Normalization(new float[3], new float[] {1 / 255f, 1 / 255f, 1 / 255f});
        int pad = 1;
        try (Batcher batcher = new ImageBatcher(data, identity, pad, manager); NDManager m = manager.newSubManager()) {
            int[] indices = {0, 5, 3, 3, 2};
            float[] x = batcher.batch(m, indices, true, new Random(42)).get(0).toFloatArray();
            // replay the same draws and crop by hand
            Random rng = new Random(42);
            int k = 0;
            for (int index : indices) {
                int top = rng.nextInt(2 * pad + 1);
                int left = rng.nextInt(2 * pad + 1);
                boolean flip = rng.nextBoolean();
                for (int c = 0; c < 3; c++) {
                    for (int h = 0; h < 3; h++) {
                        for (int w = 0; w < 4; w++) {
                            int col = flip ? left + 3 - w : left + w;
                            int r = top + h - pad;
                            int q = col - pad;
                            int expected = r < 0 || r >= 3 || q < 0 || q >= 4 ? 0
                                    : data.pixels()[index * 36 + c * 12 + r * 4 + q] & 0xff;
                            assertEquals(expected, x[k++], 1e-3);
                        }
                    }
                }
            }
            float[] again = batcher.batch(m, indices, true, new Random(42)).get(0).toFloatArray();
            assertArrayEquals(x, again, "same seed, same batch");
            float[] other = batcher.batch(m, indices, true, new Random(43)).get(0).toFloatArray();
            assertFalse(Arrays.equals(x, other));
        }
    }

    @Test
    void tabularBatchesAreStandardised() {
        LabeledData data = LabeledData.ofFeatures(2, new float[] {1, 10, 3, 10, 5, 10}, new int[] {0, 1, 1}, 2, null);
        Normalization stats = Normalization.measure(data);
        assertEquals(3f, stats.mean()[0], 1e-6);
        assertEquals(1f, stats.std()[1], 0f); // constant feature: scale left alone
        try (Batcher batcher = Batcher.of(data, stats, 0, manager); NDManager m = manager.newSubManager()) {
            NDList batch = batcher.batch(m, new int[] {2, 0}, true, new Random(0));
            assertEquals(new Shape(2, 2), batch.get(0).getShape());
            float s = (float) Math.sqrt(8 / 3.0);
            assertArrayEquals(new float[] {2 / s, 0, -2 / s, 0}, batch.get(0).toFloatArray(), 1e-5f);
            assertArrayEquals(new long[] {1, 0}, batch.get(1).toLongArray());
        }
    }

    @Test
    void epochOrderIsASeededPermutationKeepingTheLastPartialBatch() {
        List<int[]> epoch0 = EpochOrder.batches(10, 4, 5, 0);
        assertEquals(List.of(4, 4, 2), epoch0.stream().map(b -> b.length).toList());
        int[] all = epoch0.stream().flatMapToInt(Arrays::stream).sorted().toArray();
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, all);
        assertArrayEquals(epoch0.get(0), EpochOrder.batches(10, 4, 5, 0).get(0));
        assertFalse(Arrays.equals(epoch0.get(0), EpochOrder.batches(10, 4, 5, 1).get(0)));
        // pinned: checkpoints resumed mid-epoch rely on the order never changing between versions
        assertArrayEquals(new int[] {3, 7, 0, 6, 8, 9, 4, 1, 2, 5}, EpochOrder.permutation(10, 5, 0));
    }

    @Test
    void measuredImageStatisticsArePerChannel() {
        byte[] pixels = {0, 51, (byte) 255, 51}; // sample 0: (0, 51), sample 1: (255, 51)
        LabeledData data = LabeledData.ofImages(2, 1, 1, pixels, new int[] {0, 0}, 1, null);
        Normalization n = Normalization.measure(data);
        assertArrayEquals(new float[] {0.5f, 0.2f}, n.mean(), 1e-6f);
        assertArrayEquals(new float[] {0.5f, 1f}, n.std(), 1e-6f);
    }
}
