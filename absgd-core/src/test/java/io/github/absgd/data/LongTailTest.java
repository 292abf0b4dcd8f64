package io.github.absgd.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.absgd.conformance.GoldenCase;
import io.github.absgd.util.InvalidSettingException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LongTailTest {

    private static final Map<String, Integer> N_MAX = Map.of("cifar10", 5000, "cifar100", 500, "fashion-mnist", 6000);
    private static final Map<String, Integer> CLASSES = Map.of("cifar10", 10, "cifar100", 100, "fashion-mnist", 10);

    @Test
    void countsMatchEveryGoldenRow() throws Exception {
        JsonNode rows;
        try (InputStream golden = GoldenCase.class.getResourceAsStream(GoldenCase.BUNDLED + "long_tail_counts.json")) {
            assertNotNull(golden, "long_tail_counts.json is bundled with the golden trajectories");
            rows = new ObjectMapper().readTree(golden).get("rows");
        }
        assertTrue(rows.size() >= 18, "expected the 18 golden rows, got " + rows.size());
        for (JsonNode row : rows) {
            String dataset = row.get("dataset").asText();
            LongTail.Profile profile = LongTail.Profile.parse(row.get("profile").asText());
            double rho = row.get("imbalance_ratio").asDouble();
            int[] expected = new ObjectMapper().convertValue(row.get("counts"), int[].class);
            int[] counts = LongTail.counts(N_MAX.get(dataset), CLASSES.get(dataset), rho, profile);
            assertArrayEquals(expected, counts, dataset + " " + profile + " " + rho);
            assertEquals(row.get("total").asInt(), Arrays.stream(counts).sum());
        }
    }

    @Test
    void shuffleIsNumpyRandomStateShuffle() {
        // expected values printed by numpy 2.4: r = np.random.RandomState(0); a = np.arange(10); r.shuffle(a),
        // then the first five of a second shuffle of np.arange(100000) from the same generator
        NumpyRandom rng = new NumpyRandom(0);
        int[] small = range(10);
        rng.shuffle(small);
        assertArrayEquals(new int[] {2, 8, 4, 9, 1, 6, 7, 3, 0, 5}, small);
        int[] large = range(100000);
        rng.shuffle(large);
        assertArrayEquals(new int[] {67868, 28606, 22049, 66400, 61736}, Arrays.copyOf(large, 5));
    }

    @Test
    void sameSeedSameSubsetOtherSeedOtherSubset() {
        int[] labels = new int[3000];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 3;
        }
        int[] counts = LongTail.counts(1000, 3, 10, LongTail.Profile.EXP);
        assertArrayEquals(new int[] {1000, 316, 100}, counts);
        int[] a = LongTail.select(labels, counts, 0, "test");
        assertArrayEquals(a, LongTail.select(labels, counts, 0, "test"));
        assertFalse(Arrays.equals(a, LongTail.select(labels, counts, 1, "test")));
        assertEquals(1416, a.length);
        assertEquals(1416, Arrays.stream(a).distinct().count());
        for (int k = 1000; k < 1316; k++) {
            assertEquals(1, labels[a[k]]);
        }
    }

    @Test
    void fashionMnistSubsetEqualsTheReferenceScripts() {
        Path dir = Path.of("/usr/share/datasets/fashion-mnist");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(dir), "Debian's Fashion-MNIST not installed");
        LabeledData train = IdxReader.read(dir.resolve("train-images-idx3-ubyte.gz"),
                dir.resolve("train-labels-idx1-ubyte.gz"), 10, null);
        int[] counts = LongTail.counts(6000, 10, 100, LongTail.Profile.EXP);
        int[] selected = LongTail.select(train.labels(), counts, 0, "fashion-mnist");
        // from reference/fmnist_lt.py's long_tail(ytr, 100, "exp") with numpy 2.4
        assertArrayEquals(new int[] {43279, 20687, 56899, 5141, 14437}, Arrays.copyOf(selected, 5));
        assertArrayEquals(new int[] {47897, 57193, 48686, 20046, 6637},
                Arrays.copyOfRange(selected, selected.length - 5, selected.length));
        assertEquals(448150004L, Arrays.stream(selected).asLongStream().sum());
    }

    @Test
    void requestLargerThanAClassIsRejected() {
        int[] labels = {0, 0, 0, 1};
        BadDataException e = assertThrows(BadDataException.class,
                () -> LongTail.select(labels, new int[] {3, 2}, 0, "tiny.csv"));
        assertTrue(e.getMessage().startsWith("tiny.csv: "), e.getMessage());
        assertTrue(e.getMessage().contains("needs 2 samples of class 1 but it has only 1"), e.getMessage());
        LabeledData data = LabeledData.ofFeatures(1, new float[4], labels, 2, null);
        BadDataException tooMany = assertThrows(BadDataException.class,
                () -> LongTail.apply(data, 2, LongTail.Profile.EXP, 4, 0, "tiny.csv")); // n_max 4 > 3
        assertTrue(tooMany.getMessage().startsWith("tiny.csv: ") && tooMany.getMessage().contains("needs 4 samples of class 0"),
                tooMany.getMessage());
    }

    @Test
    void ratioBelowOneIsRejectedAndOneKeepsTheData() {
        LabeledData data = LabeledData.ofFeatures(1, new float[4], new int[] {0, 0, 0, 1}, 2, null);
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> LongTail.apply(data, 0.5, LongTail.Profile.EXP, 0, 0, "x"));
        assertEquals("imbalance must be a finite ratio of at least 1, got 0.5", e.getMessage());
        assertThrows(InvalidSettingException.class, () -> LongTail.counts(10, 2, Double.NaN, LongTail.Profile.STEP));
        assertTrue(data == LongTail.apply(data, 1, LongTail.Profile.EXP, 0, 0, "x"));
    }

    @Test
    void groupsAreNullWhenEmpty() {
        ClassGroups groups = ClassGroups.of(new int[] {500, 101, 100, 20, 19, 0});
        assertEquals(List.of(0, 1), groups.many());
        assertEquals(List.of(2, 3), groups.medium());
        assertEquals(List.of(4, 5), groups.few());
        ClassGroups onlyMany = ClassGroups.of(new int[] {500, 300});
        assertNull(onlyMany.medium());
        assertNull(onlyMany.few());
    }

    private static int[] range(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }
}
