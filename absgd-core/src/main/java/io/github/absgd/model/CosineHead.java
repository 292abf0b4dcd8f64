package io.github.absgd.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The normalised (cosine) classifier: logits = normalize(features) · normalize(W columns), no bias,
 * so every logit is a cosine in [-1, 1]. W has shape (features, classes). The LDAM scale (30) is
 * applied by the loss, not here.
 */
public final class CosineHead extends AbstractBlock {

    private static final byte VERSION = 1;
    // F.normalize's epsilon: guards an all-zero feature vector (possible after ReLU).
    private static final double NORM_EPS = 1e-12;

    private final long classes;
    private final Parameter weight;

    public CosineHead(long classes) {
        super(VERSION);
        this.classes = classes;
        // Type OTHER so a trainer's default WEIGHT initializer does not replace the unit columns.
        weight = addParameter(
                Parameter.builder()
                        .setName("weight")
                        .setType(Parameter.Type.OTHER)
                        .optInitializer(new CosineWeightInitializer())
                        .build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray features = inputs.singletonOrThrow();
        NDArray w = parameterStore.getValue(weight, features.getDevice(), training);
        return new NDList(features.normalize(2, 1, NORM_EPS).matMul(w.normalize(2, 0, NORM_EPS)));
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        weight.setShape(new Shape(inputShapes[0].get(1), classes));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), classes)};
    }
}
