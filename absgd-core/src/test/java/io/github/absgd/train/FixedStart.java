package io.github.absgd.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import java.util.Random;

/** A network's parameters set to seeded Gaussian values, so that two trainers start alike. */
final class FixedStart {

    private FixedStart() {}

    /** Every parameter of {@code block} (initialised) drawn from N(0, scale²) with {@code seed}, in parameter order. */
    static void gaussian(Block block, long seed, double scale) {
        Random init = new Random(seed);
        block.getParameters().forEach(p -> {
            NDArray a = p.getValue().getArray();
            float[] values = new float[(int) a.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (init.nextGaussian() * scale);
            }
            a.set(values);
        });
    }
}
