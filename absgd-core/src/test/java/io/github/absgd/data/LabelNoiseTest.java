package io.github.absgd.data;

import io.github.absgd.util.InvalidSettingException;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LabelNoiseTest {

    /** Fashion-MNIST's training labels: Debian's files when installed, else 6000 per class. */
    static int[] fashionMnistLabels() {
        Path dir = Path.of("/usr/share/datasets/fashion-mnist");
        if (Files.isRegularFile(dir.resolve("train-labels-idx1-ubyte.gz"))) {
            IdxReader.IdxArray labels = IdxReader.readArray(dir.resolve("train-labels-idx1-ubyte.gz"), 1);
            int[] y = new int[labels.dims()[0]];
            for (int i = 0; i < y.length; i++) {
                y[i] = labels.data()[labels.offset() + i] & 0xff;
            }
            return y;
        }
        int[] y = new int[60000];
        for (int i = 0; i < y.length; i++) {
            y[i] = i % 10;
        }
        return y;
    }

    @Test
    void symmetricRateWithinOnePointAndNeverTheSameClass() {
        int[] clean = fashionMnistLabels();
        for (double rate : new double[] {0.2, 0.4, 0.8}) {
            int[] noisy = LabelNoise.symmetric(clean, 10, rate, 0);
            int flipped = 0;
            int[] targets = new int[10];
            for (int i = 0; i < clean.length; i++) {
                if (noisy[i] != clean[i]) {
                    flipped++;
                    targets[noisy[i]]++;
                }
            }
            assertEquals(rate, (double) flipped / clean.length, 0.01, "symmetric rate " + rate);
            for (int c = 0; c < 10; c++) {
                assertEquals(flipped / 10.0, targets[c], flipped * 0.02, "targets spread evenly");
            }
        }
    }

    @Test
    void asymmetricRateWithinOnePointAmongEligibleSamples() {
        int[] clean = fashionMnistLabels();
        int[] map = AsymmetricNoiseMaps.fashionMnist();
        int[] noisy = LabelNoise.asymmetric(clean, map, 0.4, 3);
        int eligible = 0;
        int flipped = 0;
        for (int i = 0; i < clean.length; i++) {
            if (map[clean[i]] != clean[i]) {
                eligible++;
                if (noisy[i] != clean[i]) {
                    flipped++;
                    assertEquals(map[clean[i]], noisy[i], "flipped along the map");
                }
            } else {
                assertEquals(clean[i], noisy[i], "unmapped classes untouched");
            }
        }
        assertEquals(36000, eligible);
        assertEquals(0.4, (double) flipped / eligible, 0.01);
    }

    @Test
    void asymmetricMapsAreExact() {
        assertArrayEquals(new int[] {0, 1, 0, 5, 7, 3, 6, 7, 8, 1}, AsymmetricNoiseMaps.cifar10());
        assertArrayEquals(new int[] {6, 1, 4, 3, 2, 7, 0, 5, 8, 9}, AsymmetricNoiseMaps.fashionMnist());
        int[] map = AsymmetricNoiseMaps.cifar100();
        int[] coarse = AsymmetricNoiseMaps.CIFAR100_COARSE_OF_FINE;
        // superclass 'aquatic mammals' (0): beaver 4, dolphin 30, otter 55, seal 72, whale 95
        assertEquals(30, map[4]);
        assertEquals(55, map[30]);
        assertEquals(72, map[55]);
        assertEquals(95, map[72]);
        assertEquals(4, map[95]);
        int[] sizes = new int[20];
        Set<Integer> images = new HashSet<>();
        for (int fine = 0; fine < 100; fine++) {
            sizes[coarse[fine]]++;
            assertEquals(coarse[fine], coarse[map[fine]], "stays in its superclass");
            assertNotEquals(fine, map[fine]);
            images.add(map[fine]);
            int steps = 1;
            for (int c = map[fine]; c != fine; c = map[c]) {
                steps++;
            }
            assertEquals(5, steps, "a 5-cycle");
        }
        assertEquals(100, images.size(), "a permutation");
        for (int size : sizes) {
            assertEquals(5, size);
        }
    }

    @Test
    void seededTrueLabelsKeptAndRateZeroIsIdentity() {
        int[] clean = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1};
        LabeledData data = LabeledData.ofFeatures(1, new float[12], clean, 10, null);
        LabeledData noisy = LabelNoise.apply(data, NoiseType.SYM, 0.5, null, 11);
        assertArrayEquals(clean, noisy.trueLabels());
        assertArrayEquals(clean, data.labels(), "the input is not modified");
        assertArrayEquals(LabelNoise.symmetric(clean, 10, 0.5, 11), noisy.labels(), "the seeded symmetric draw");
        assertNotEquals(0, differences(clean, noisy.labels()), "rate 0.5 flips some of the 12 labels");
        assertArrayEquals(noisy.labels(), LabelNoise.apply(data, NoiseType.SYM, 0.5, null, 11).labels());
        assertNotEquals(0, differences(noisy.labels(), LabelNoise.apply(data, NoiseType.SYM, 0.5, null, 12).labels()),
                "another seed, other flips");
        LabeledData asym = LabelNoise.apply(data, NoiseType.ASYM, 0.5, AsymmetricNoiseMaps.cifar10(), 11);
        assertArrayEquals(LabelNoise.asymmetric(clean, AsymmetricNoiseMaps.cifar10(), 0.5, 11), asym.labels(), "the asymmetric draw");
        assertNotEquals(0, differences(clean, asym.labels()));
        assertTrue(data == LabelNoise.apply(data, NoiseType.ASYM, 0, null, 11));
    }

    private static int differences(int[] a, int[] b) {
        int count = 0;
        for (int i = 0; i < a.length; i++) {
            count += a[i] != b[i] ? 1 : 0;
        }
        return count;
    }

    @Test
    void rateOutsideZeroOneIsRejected() {
        for (double rate : new double[] {-0.1, 1.0, 1.5, Double.NaN}) {
            InvalidSettingException e = assertThrows(InvalidSettingException.class,
                    () -> LabelNoise.symmetric(new int[] {0, 1}, 2, rate, 0));
            assertEquals("noise", e.setting());
            assertEquals("must be a rate in [0, 1), got " + rate, e.problem());
        }
    }
}
