package io.github.absgd.data;

/**
 * The class maps of asymmetric label noise used in the literature (Patrini et al. 2017 and
 * followers): map[c] is where a flipped sample of class c goes, or c itself for classes left alone.
 */
public final class AsymmetricNoiseMaps {

    /**
     * CIFAR-100 superclass (coarse label) of each fine label, from the data set's own meta data
     * (fine label names in alphabetical order).
     */
    static final int[] CIFAR100_COARSE_OF_FINE = {
        4, 1, 14, 8, 0, 6, 7, 7, 18, 3, 3, 14, 9, 18, 7, 11, 3, 9, 7, 11,
        6, 11, 5, 10, 7, 6, 13, 15, 3, 15, 0, 11, 1, 10, 12, 14, 16, 9, 11, 5,
        5, 19, 8, 8, 15, 13, 14, 17, 18, 10, 16, 4, 17, 4, 2, 0, 17, 4, 18, 17,
        10, 3, 2, 12, 12, 16, 12, 1, 9, 19, 2, 10, 0, 1, 16, 12, 9, 13, 15, 13,
        16, 19, 2, 4, 6, 19, 5, 5, 8, 19, 18, 1, 2, 15, 6, 0, 17, 8, 14, 13
    };

    private AsymmetricNoiseMaps() {}

    /** truck->automobile, bird->airplane, cat<->dog, deer->horse. */
    public static int[] cifar10() {
        int[] map = identity(10);
        map[9] = 1;
        map[2] = 0;
        map[3] = 5;
        map[5] = 3;
        map[4] = 7;
        return map;
    }

    /** Each fine class to the next fine class (by index) of its superclass, cyclic. */
    public static int[] cifar100() {
        int[] map = identity(100);
        for (int coarse = 0; coarse < 20; coarse++) {
            int first = -1;
            int previous = -1;
            for (int fine = 0; fine < 100; fine++) {
                if (CIFAR100_COARSE_OF_FINE[fine] != coarse) {
                    continue;
                }
                if (first < 0) {
                    first = fine;
                } else {
                    map[previous] = fine;
                }
                previous = fine;
            }
            map[previous] = first;
        }
        return map;
    }

    /** T-shirt<->shirt, pullover<->coat, sandal<->sneaker. */
    public static int[] fashionMnist() {
        int[] map = identity(10);
        swap(map, 0, 6);
        swap(map, 2, 4);
        swap(map, 5, 7);
        return map;
    }

    private static int[] identity(int n) {
        int[] map = new int[n];
        for (int i = 0; i < n; i++) {
            map[i] = i;
        }
        return map;
    }

    private static void swap(int[] map, int a, int b) {
        map[a] = b;
        map[b] = a;
    }
}
