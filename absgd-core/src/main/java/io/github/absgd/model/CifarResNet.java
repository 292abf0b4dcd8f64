package io.github.absgd.model;

import ai.djl.nn.SequentialBlock;

/**
 * {@code resnet32} for 32x32 inputs as the long-tail literature uses it (LDAM, ABSGD; Idelbayev's
 * CIFAR ResNet): conv3x3(16)-BN-ReLU, three stages of 5 {@link BasicBlock}s with 16, 32, 64
 * channels (the first block of stages 2 and 3 has stride 2 and an option A shortcut), global
 * average pool, head 64->classes. About 0.46M parameters for 10 classes. The last block is the
 * final basic block of stage 3.
 */
final class CifarResNet {

    static final String NAME = "resnet32";
    private static final int BLOCKS_PER_STAGE = 5;
    private static final int[] STAGE_PLANES = {16, 32, 64};

    private CifarResNet() {}

    static ClassifierModel resnet32(ModelSpec spec) {
        spec.requireImage(NAME);
        SequentialBlock features = new SequentialBlock().add(Layers.convBnRelu(STAGE_PLANES[0], 1));
        int inPlanes = STAGE_PLANES[0];
        BasicBlock last = null;
        for (int stage = 0; stage < STAGE_PLANES.length; stage++) {
            int planes = STAGE_PLANES[stage];
            for (int i = 0; i < BLOCKS_PER_STAGE; i++) {
                int stride = stage > 0 && i == 0 ? 2 : 1;
                last = new BasicBlock(inPlanes, planes, stride);
                features.add(last);
                inPlanes = planes;
            }
        }
        features.add(Layers.globalAveragePool());
        return new ClassifierModel(NAME, spec, features, last);
    }
}
