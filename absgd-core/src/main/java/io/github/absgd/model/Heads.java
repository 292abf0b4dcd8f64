package io.github.absgd.model;

import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;

/** Builds the classifier head a spec asks for: linear with bias, or cosine without. */
final class Heads {

    private Heads() {}

    static Block create(ModelSpec spec) {
        if (spec.cosineHead()) {
            return new CosineHead(spec.classes());
        }
        return Linear.builder().setUnits(spec.classes()).optBias(true).build();
    }
}
