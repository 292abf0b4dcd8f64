package io.github.absgd.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/**
 * Uniform(-1, 1) values whose columns are then scaled to unit L2 norm: the initialisation of the
 * LDAM authors' normalised linear layer ({@code uniform_(-1, 1).renorm_(2, 1, 1e-5).mul_(1e5)}).
 */
final class CosineWeightInitializer implements Initializer {

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        try (NDManager scratch = manager.newSubManager()) {
            NDArray uniform = scratch.randomUniform(-1f, 1f, shape, dataType, manager.getDevice());
            NDArray unitColumns = uniform.div(uniform.norm(new int[] {0}, true));
            unitColumns.attach(manager);
            return unitColumns;
        }
    }
}
