package io.github.absgd.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;

/** Test helper: initialise a model and run one inference-mode forward pass on random input. */
final class Forward {

    private Forward() {}

    static NDArray logits(ClassifierModel model, NDManager manager, long batch) {
        model.initialize(manager);
        NDArray input = manager.randomNormal(model.inputShape(batch));
        return model.block().forward(new ParameterStore(manager, false), new NDList(input), false).singletonOrThrow();
    }
}
