package io.github.absgd.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.github.absgd.data.Samples;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Predicted classes of a whole data set, in inference mode, a chunk at a time. */
public final class Predictor {

    /**
     * Samples a forward pass: small enough for the activations to stay in cache (small-cnn on
     * 28×28: 256 a chunk evaluates ≈ 1.6× faster than 1,000, measured side by side).
     */
    private static final int CHUNK = 256;

    private Predictor() {}

    /** argmax of the logits for every sample, in order (no augmentation). */
    public static int[] predict(Block block, Samples samples, NDManager parent) {
        int[] predicted = new int[samples.size()];
        ParameterStore parameters = new ParameterStore(parent, false);
        List<int[]> chunks = new ArrayList<>();
        for (int start = 0; start < samples.size(); start += CHUNK) {
            int first = start;
            int[] indices = new int[Math.min(samples.size(), start + CHUNK) - start];
            Arrays.setAll(indices, i -> first + i);
            chunks.add(indices);
        }
        samples.plan(chunks); // streamed images are decoded ahead of the forward passes
        for (int[] indices : chunks) {
            int start = indices[0];
            try (NDManager scope = parent.newSubManager()) {
                NDList batch = samples.batch(scope, indices, false, 0);
                NDArray logits = block.forward(parameters, new NDList(batch.head()), false).head();
                long[] classes = logits.argMax(1).toLongArray();
                for (int i = 0; i < classes.length; i++) {
                    predicted[start + i] = (int) classes[i];
                }
            }
        }
        return predicted;
    }

    /** All metrics of {@code block} on {@code samples} (true labels). */
    public static ClassificationMetrics evaluate(Block block, Samples samples, long[] trainCounts, NDManager parent) {
        return ClassificationMetrics.of(samples.trueLabels(), predict(block, samples, parent), trainCounts);
    }
}
