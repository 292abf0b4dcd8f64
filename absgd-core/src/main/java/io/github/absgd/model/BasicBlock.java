package io.github.absgd.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The CIFAR ResNet basic block: relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x)), where the
 * shortcut is the identity when shapes match and {@link OptionAShortcut} otherwise.
 */
final class BasicBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int planes;
    private final boolean identityShortcut;
    private final Block conv1;
    private final Block bn1;
    private final Block conv2;
    private final Block bn2;

    BasicBlock(int inPlanes, int planes, int stride) {
        super(VERSION);
        this.planes = planes;
        this.identityShortcut = stride == 1 && inPlanes == planes;
        if (!identityShortcut && (stride != 2 || inPlanes + 2 * (planes / 4) != planes)) {
            throw new IllegalArgumentException(
                    "option A shortcut needs stride 2 and planes = 2 x inPlanes, got "
                            + inPlanes + "->" + planes + " stride " + stride);
        }
        conv1 = addChildBlock("conv1", Layers.conv3x3(planes, stride));
        bn1 = addChildBlock("bn1", Layers.batchNorm());
        conv2 = addChildBlock("conv2", Layers.conv3x3(planes, 1));
        bn2 = addChildBlock("bn2", Layers.batchNorm());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDList h = bn1.forward(store, conv1.forward(store, inputs, training), training);
        h = new NDList(Activation.relu(h.singletonOrThrow()));
        NDArray residual = bn2.forward(store, conv2.forward(store, h, training), training).singletonOrThrow();
        NDArray shortcut = identityShortcut ? x : OptionAShortcut.apply(x, planes);
        // in place: the BatchNorm output is not needed by any backward function
        return new NDList(Activation.relu(residual.addi(shortcut)));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shapes = inputShapes;
        for (Block child : getChildren().values()) {
            child.initialize(manager, dataType, shapes);
            shapes = child.getOutputShapes(shapes);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] shapes = inputShapes;
        for (Block child : getChildren().values()) {
            shapes = child.getOutputShapes(shapes);
        }
        return shapes;
    }
}
