package io.github.absgd.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

/** Parameter counts and FLOPs, worked out by hand from the architectures. */
class ModelSizeTest {

    @Test
    void smallCnnParameters() {
        long convs = 1 * 32 * 9 + 32 * 64 * 9 + 64 * 128 * 9;
        long batchNormGammaBeta = 2 * (32 + 64 + 128);
        long linear = 128 * 10 + 10;
        assertEquals(convs + batchNormGammaBeta + linear, initialised("small-cnn", ModelSpec.image(1, 28, 28, 10)));
        assertEquals(94_186, convs + batchNormGammaBeta + linear);
    }

    @Test
    void resnet32ParametersMatchTheLiterature() {
        // stem, stage 1 (5 identical blocks), stage 2 and 3 (a first block then 4), head; each conv
        // is followed by a BatchNorm (2 x channels)
        long stem = 3 * 16 * 9 + 32;
        long stage1 = 5 * (2 * 16 * 16 * 9 + 2 * 32);
        long stage2 = (16 * 32 * 9 + 32 * 32 * 9 + 2 * 64) + 4 * (2 * 32 * 32 * 9 + 2 * 64);
        long stage3 = (32 * 64 * 9 + 64 * 64 * 9 + 2 * 128) + 4 * (2 * 64 * 64 * 9 + 2 * 128);
        long head = 64 * 10 + 10;
        long expected = stem + stage1 + stage2 + stage3 + head;
        assertEquals(464_154, expected); // the "0.46M" of the CIFAR ResNet papers
        assertEquals(expected, initialised("resnet32", ModelSpec.image(3, 32, 32, 10)));
    }

    @Test
    void resnet18IsTheUsualBasicBlockResNet() {
        // torchvision's resnet18 has 11,689,512 parameters with a 1000-class head; ours has 10
        // classes and, as DJL's builder, a 1x1 projection shortcut (+BN) in the first unit
        long torchvision = 11_689_512;
        long head = 512 * 10 + 10 - (512 * 1000 + 1000);
        long stage1Projection = 64 * 64 + 2 * 64;
        assertEquals(torchvision + head + stage1Projection, initialised("resnet18", ModelSpec.image(3, 40, 40, 10)));
    }

    @Test
    void cosineHeadHasNoBias() {
        assertEquals(94_186 - 10, initialised("small-cnn", ModelSpec.image(1, 28, 28, 10).withCosineHead(true)));
    }

    @Test
    void smallCnnFlops() {
        long macs = 28 * 28 * 32 * 9 + 14 * 14 * 64 * 32 * 9 + 7 * 7 * 128 * 64 * 9 + 128 * 10;
        assertEquals(2 * macs, flops("small-cnn", ModelSpec.image(1, 28, 28, 10)));
    }

    @Test
    void resnet32Flops() {
        long stem = 32 * 32 * 16 * 3 * 9;
        long stage1 = 10 * 32 * 32 * 16 * 16 * 9;
        long stage2 = 16 * 16 * 32 * 16 * 9 + 9 * 16 * 16 * 32 * 32 * 9;
        long stage3 = 8 * 8 * 64 * 32 * 9 + 9 * 8 * 8 * 64 * 64 * 9;
        long macs = stem + stage1 + stage2 + stage3 + 64 * 10;
        assertEquals(2 * macs, flops("resnet32", ModelSpec.image(3, 32, 32, 10)));
    }

    @Test
    void mlpFlops() {
        ModelSpec spec = ModelSpec.tabular(20, 3).withCosineHead(true);
        assertEquals(2 * (20 * 256 + 256 * 128 + 128 * 3), flops("mlp", spec));
    }

    private static long initialised(String name, ModelSpec spec) {
        try (NDManager manager = NDManager.newBaseManager()) {
            ClassifierModel model = Models.create(name, spec);
            model.initialize(manager);
            return model.parameterCount();
        }
    }

    private static long flops(String name, ModelSpec spec) {
        try (NDManager manager = NDManager.newBaseManager()) {
            ClassifierModel model = Models.create(name, spec);
            model.initialize(manager);
            return model.forwardFlopsPerImage();
        }
    }
}
