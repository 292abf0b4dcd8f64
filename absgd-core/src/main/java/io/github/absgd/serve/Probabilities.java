package io.github.absgd.serve;

import ai.djl.modality.Classifications;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.List;

/** Logits to class probabilities: softmax(scale * logits), named by class. */
final class Probabilities {

    private Probabilities() {}

    static Classifications of(List<String> classNames, double logitScale, NDList output) {
        NDArray logits = output.singletonOrThrow();
        if (logits.getShape().dimension() != 1 || logits.size() != classNames.size()) {
            throw new IllegalStateException("expected " + classNames.size() + " logits, got shape " + logits.getShape());
        }
        NDArray scaled = logitScale == 1 ? logits : logits.mul((float) logitScale);
        return new Classifications(classNames, scaled.softmax(0));
    }
}
